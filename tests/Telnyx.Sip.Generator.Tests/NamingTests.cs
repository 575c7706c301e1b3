using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Telnyx.Sip.Generator.Tests;

public class NamingTests
{
    private const string Spec = """
        openapi: 3.1.0
        info:
          title: Names API
          version: 1.0.0
        paths:
          /things/{class}:
            get:
              operationId: GetThing
              parameters:
              - name: class
                in: path
                required: true
                schema:
                  type: string
              responses:
                '200':
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Thing'
          /other-things:
            get:
              operationId: GetOther
              responses:
                '200':
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Other-Thing'
        components:
          schemas:
            Thing:
              type: object
              properties:
                class:
                  type: string
                event:
                  type: string
                2fa_enabled:
                  type: boolean
                foo_bar:
                  type: string
                fooBar:
                  type: string
                thing:
                  type: string
                validate:
                  type: string
                is_set:
                  type: boolean
                model_info:
                  type: string
                a_really_long_property_name_that_goes_on_and_on_describing_every_detail_of_the_setting_it_controls_in_the_api:
                  type: string
                number_format:
                  type: string
                  enum: ['+E.164', 'E.164', 'e.164', '+e164', 'national', '1', 'class', 'wire']
                other:
                  $ref: '#/components/schemas/OtherThing'
            OtherThing:
              type: object
              properties:
                name:
                  type: string
            Other-Thing:
              type: object
              properties:
                label:
                  type: string
        servers:
        - url: https://names.example.com/v1
        """;

    private static (Model.ApiSpec Spec, GeneratorRunResult Run, Compilation Output) Generate(string spec)
    {
        var (result, output) = GeneratorHarness.Run(spec, "/project/specs/names.yaml");
        Model.ApiSpec model = Model.ApiModelBuilder.Build(new Reading.SpecInput("/project/specs/names.yaml", spec, null, null, true), default).Spec!;
        return (model, result.Results.Single(), output);
    }

    [Fact]
    public void AwkwardNamesBecomeIdentifiersThatCompile()
    {
        var (spec, run, output) = Generate(Spec);

        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Model.ModelSpec thing = spec.Models.Single(m => m.Name == "Thing");
        var names = thing.Properties.ToDictionary(p => p.WireName, p => p.Name);
        Assert.Equal("Class", names["class"]);
        Assert.Equal("Event", names["event"]);
        Assert.Equal("_2faEnabled", names["2fa_enabled"]);
        Assert.Equal("FooBar", names["foo_bar"]);
        Assert.StartsWith("FooBar", names["fooBar"]);
        Assert.NotEqual(names["foo_bar"], names["fooBar"]);
        Assert.Equal("ThingValue", names["thing"]); // a member cannot share its class's name
        Assert.Equal("ValidateValue", names["validate"]); // nor a name the model inherits
        Assert.Equal("IsSetValue", names["is_set"]);
        Assert.Equal("ModelInfoValue", names["model_info"]);
        Assert.InRange(names.Values.Max(n => n.Length), 1, 96);

        Model.EnumSpec format = spec.Enums.Single(e => e.Name == "NumberFormat");
        var members = format.Members.ToDictionary(m => m.Value, m => m.Name);
        Assert.Equal("PlusE164", members["+E.164"]);
        Assert.Equal("E164", members["E.164"]);
        Assert.Equal("V1", members["1"]);
        Assert.Equal("Class", members["class"]);
        Assert.Equal(members.Count, members.Values.Distinct().Count());

        // The path parameter named like a keyword is escaped.
        Assert.Contains("RetrieveAsync(string @class,", run.GeneratedSources.Single(s => s.HintName == "Names.ThingsClient.g.cs").SourceText.ToString());
    }

    [Fact]
    public void TwoSchemaNamesThatBecomeOneIdentifierAreReportedAndBothGenerated()
    {
        var (spec, run, _) = Generate(Spec);

        Assert.Contains(spec.Models, m => m.Name == "OtherThing");
        Assert.Contains(spec.Models, m => m.Name.StartsWith("OtherThing_", System.StringComparison.Ordinal));
        Diagnostic collision = Assert.Single(run.Diagnostics, d => d.Id == "TSG007");
        Assert.Contains("'Other-Thing'", collision.GetMessage());
    }

    [Fact]
    public void NamesDoNotShiftWhenTheSpecGrows()
    {
        var (before, _, _) = Generate(Spec);
        string grown = Spec.Replace("                number_format:", """
                            fooBar2:
                              type: string
                            foo-bar:
                              type: string
                            number_format:
            """.TrimStart()).Replace("enum: ['+E.164',", "enum: ['E164', '+E.164',");

        var (after, _, _) = Generate(grown);

        Model.ModelSpec thingBefore = before.Models.Single(m => m.Name == "Thing");
        Model.ModelSpec thingAfter = after.Models.Single(m => m.Name == "Thing");
        foreach (Model.PropertySpec property in thingBefore.Properties)
        {
            Assert.Equal(property.Name, thingAfter.Properties.Single(p => p.WireName == property.WireName).Name);
        }

        var enumBefore = before.Enums.Single(e => e.Name == "NumberFormat").Members.ToDictionary(m => m.Value, m => m.Name);
        var enumAfter = after.Enums.Single(e => e.Name == "NumberFormat").Members.ToDictionary(m => m.Value, m => m.Name);
        Assert.All(enumBefore.Where(m => m.Key != "E.164"), m => Assert.Equal(m.Value, enumAfter[m.Key]));
    }
}
