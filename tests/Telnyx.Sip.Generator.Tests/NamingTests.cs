using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Telnyx.Sip.Generator.Model;
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

    /// <summary>Every method as "Resource.Chain.Method HTTP path", with its parameter class when it has one.</summary>
    private static Dictionary<string, (string Method, string? Params)> Methods(ApiSpec spec)
    {
        var methods = new Dictionary<string, (string, string?)>();
        void Walk(IEnumerable<ResourceSpec> resources, string prefix)
        {
            foreach (ResourceSpec resource in resources)
            {
                foreach (OperationSpec operation in resource.Operations)
                {
                    methods[operation.OperationId] = (prefix + resource.PropertyName + "." + operation.MethodName, operation.QueryClass);
                }

                Walk(resource.Children, prefix + resource.PropertyName + ".");
            }
        }

        Walk(spec.Resources, "");
        return methods;
    }

    private static void AssertCompiles(Compilation output) =>
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));

    private const string Petstore = """
        openapi: 3.0.3
        info:
          title: Petstore
          version: 1.0.0
        servers:
        - url: https://petstore.example/v3
        paths:
          /pet:
            post:
              operationId: addPet
              requestBody:
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/Pet' }
              responses:
                '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } } }
            put:
              operationId: updatePet
              requestBody:
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/Pet' }
              responses:
                '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } } }
          /pet/findByStatus:
            get:
              operationId: findPetsByStatus
              parameters:
              - { name: status, in: query, schema: { type: string, enum: [available, pending, sold] } }
              responses:
                '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/Pet' } } } } }
          /pet/{petId}:
            get:
              operationId: getPetById
              parameters:
              - { name: petId, in: path, required: true, schema: { type: integer, format: int64 } }
              responses:
                '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } } }
            post:
              operationId: updatePetWithForm
              parameters:
              - { name: petId, in: path, required: true, schema: { type: integer, format: int64 } }
              - { name: name, in: query, schema: { type: string } }
              responses:
                '200': { description: ok }
            delete:
              operationId: deletePet
              parameters:
              - { name: petId, in: path, required: true, schema: { type: integer, format: int64 } }
              responses:
                '200': { description: ok }
          /pet/{petId}/uploadImage:
            post:
              operationId: uploadFile
              parameters:
              - { name: petId, in: path, required: true, schema: { type: integer, format: int64 } }
              - { name: additionalMetadata, in: query, schema: { type: string } }
              requestBody:
                content:
                  application/octet-stream:
                    schema: { type: string, format: binary }
              responses:
                '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/UploadOutcome' } } } }
          /store/order:
            post:
              operationId: placeOrder
              requestBody:
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/Order' }
              responses:
                '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Order' } } } }
          /user/login:
            get:
              operationId: loginUser
              parameters:
              - { name: username, in: query, schema: { type: string } }
              responses:
                '200': { description: ok, content: { application/json: { schema: { type: string } } } }
        components:
          schemas:
            Pet:
              type: object
              required: [name]
              properties:
                id: { type: integer, format: int64 }
                name: { type: string }
            Order:
              type: object
              properties:
                id: { type: integer, format: int64 }
                petId: { type: integer, format: int64 }
            UploadOutcome:
              type: object
              properties:
                code: { type: integer }
                message: { type: string }
        """;

    [Fact]
    public void PetstoreMethodsAreNamedAfterTheirOperationIdsShortenedByTheirResource()
    {
        var (spec, run, output) = Generate(Petstore);

        AssertCompiles(output);
        Assert.Empty(run.Diagnostics);
        var methods = Methods(spec);
        Assert.Equal(("Pet.Create", null), methods["addPet"]);
        Assert.Equal(("Pet.Update", null), methods["updatePet"]);
        Assert.Equal(("Pet.Retrieve", null), methods["getPetById"]);               // "ById" names the path parameter
        Assert.Equal(("Pet.Delete", null), methods["deletePet"]);
        Assert.Equal(("Pet.UpdateWithForm", "UpdatePetWithFormParams"), methods["updatePetWithForm"]); // a POST, but not a create
        Assert.Equal(("Pet.FindByStatus", "FindPetsByStatusParams"), methods["findPetsByStatus"]);
        Assert.Equal(("Pet.UploadFile", "UploadFileParams"), methods["uploadFile"]);  // not Pet.UploadImage.Create
        Assert.Equal(("Store.Order.Place", null), methods["placeOrder"]);
        Assert.Equal(("User.Login", "LoginUserParams"), methods["loginUser"]);
        Assert.Contains("UploadFileAsync(long petId,", run.GeneratedSources.Single(s => s.HintName == "Petstore.PetClient.g.cs").SourceText.ToString());
    }

    private const string Widgets = """
        openapi: 3.1.0
        info:
          title: Widgets
          version: 1.0.0
        servers:
        - url: https://widgets.example
        paths:
          /widgets:
            get:
              operationId: listWidgets
              parameters:
              - { name: kind, in: query, schema: { $ref: '#/components/schemas/WidgetKind' } }
              responses:
                '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/WidgetList' } } } }
            post:
              operationId: createWidget
              requestBody:
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/Widget' }
              responses:
                '201': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Widget' } } } }
          /widgets/{id}:
            get:
              operationId: getWidget
              parameters:
              - { name: id, in: path, required: true, schema: { type: string } }
              responses:
                '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Widget' } } } }
            delete:
              operationId: removeWidget
              parameters:
              - { name: id, in: path, required: true, schema: { type: string } }
              responses:
                '204': { description: gone }
          /widgets/search:
            post:
              operationId: searchWidgets
              requestBody:
                content:
                  application/json:
                    schema: { type: object, properties: { query: { type: string } } }
              responses:
                '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/WidgetList' } } } }
          /owners/{ownerId}/widgets:
            get:
              operationId: listWidgetsByOwner
              parameters:
              - { name: ownerId, in: path, required: true, schema: { type: string } }
              responses:
                '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/Widget' } } } } }
        components:
          schemas:
            WidgetList:
              type: object
              properties:
                items: { type: array, items: { $ref: '#/components/schemas/Widget' } }
                next: { type: string }
            Widget:
              type: object
              properties:
                id: { type: string }
                kind: { $ref: '#/components/schemas/WidgetKind' }
            WidgetKind:
              type: string
              enum: [gear, sprocket]
        """;

    [Fact]
    public void AListIsNeverRetrieveAndTheParameterClassMatchesTheMethod()
    {
        var (spec, run, output) = Generate(Widgets);

        AssertCompiles(output);
        Assert.Empty(run.Diagnostics);
        var methods = Methods(spec);
        Assert.Equal(("Widgets.List", "ListWidgetsParams"), methods["listWidgets"]); // its response is an object, not a page: still a list
        Assert.Equal(("Widgets.Create", null), methods["createWidget"]);
        Assert.Equal(("Widgets.Retrieve", null), methods["getWidget"]);
        Assert.Equal(("Widgets.Delete", null), methods["removeWidget"]);
        Assert.Equal(("Widgets.Search", null), methods["searchWidgets"]);              // not Widgets.Search.Create
        Assert.Equal(("Owners.Widgets.List", null), methods["listWidgetsByOwner"]);
        Assert.Equal("SearchWidgetsRequest", ShortName(spec.Resources.WithDescendants().SelectMany(r => r.Operations).Single(o => o.OperationId == "searchWidgets").Body!));
    }

    [Fact]
    public void AComponentSchemaKeepsItsKeyWhereverItIsFirstMet()
    {
        var (spec, _, _) = Generate(Widgets);

        // WidgetKind is first met as a query parameter's schema, then as a property of Widget: one type, named by its key.
        EnumSpec kind = Assert.Single(spec.Enums);
        Assert.Equal("WidgetKind", kind.Name);
        Assert.Equal("global::Widgets.WidgetKind", spec.Models.Single(m => m.Name == "ListWidgetsParams").Properties.Single().Type.Name);
        Assert.Equal("global::Widgets.WidgetKind", spec.Models.Single(m => m.Name == "Widget").Properties.Single(p => p.WireName == "kind").Type.Name);
    }

    private static string ShortName(TypeRef type) => type.Name.Substring(type.Name.LastIndexOf('.') + 1);

    [Fact]
    public void MethodNamesDropWhatThePathAlreadySays()
    {
        const string spec = """
            openapi: 3.1.0
            info:
              title: Files
              version: 1.0.0
            servers:
            - url: https://files.example
            paths:
              /files/{file_id}:
                get:
                  operationId: get_files_id
                  parameters:
                  - { name: file_id, in: path, required: true, schema: { type: string } }
                  responses:
                    '200': { description: ok }
              /files/{file_id}/copy:
                post:
                  operationId: post_files_id_copy
                  parameters:
                  - { name: file_id, in: path, required: true, schema: { type: string } }
                  responses:
                    '200': { description: ok }
              /projects:
                get:
                  operationId: getProjects
                  responses:
                    '200': { description: ok, content: { application/json: { schema: { type: object, properties: { next: { type: string } } } } } }
              /contacts/{contact_id}/companies:
                get:
                  operationId: listCompaniesForAContact
                  parameters:
                  - { name: contact_id, in: path, required: true, schema: { type: string } }
                  responses:
                    '200': { description: ok }
              /cats:
                get:
                  operationId: Listcats
                  responses:
                    '204': { description: none }
              /workflowscheme/{id}:
                get:
                  operationId: getWorkflowScheme
                  parameters:
                  - { name: id, in: path, required: true, schema: { type: integer } }
                  responses:
                    '200': { description: ok }
            """;
        var (model, _, output) = Generate(spec);

        AssertCompiles(output);
        var methods = Methods(model);
        Assert.Equal("Files.Retrieve", methods["get_files_id"].Method);            // the path's words and its parameter's "id"
        Assert.Equal("Files.Copy.Create", methods["post_files_id_copy"].Method);
        Assert.Equal("Projects.List", methods["getProjects"].Method);              // the collection in the plural: a list
        Assert.Equal("Contacts.Companies.List", methods["listCompaniesForAContact"].Method);
        Assert.Equal("Workflowscheme.Retrieve", methods["getWorkflowScheme"].Method); // one path word, two operationId words
        Assert.Equal("Cats.List", methods["Listcats"].Method);                       // a verb run into the resource's name
    }

    private const string DeclaredAndMadeUp = """
        openapi: 3.1.0
        info:
          title: Tasks
          version: 1.0.0
        servers:
        - url: https://tasks.example
        paths:
          /tasks/{task_gid}/addFollowers:
            post:
              operationId: addFollowers
              parameters:
              - { name: task_gid, in: path, required: true, schema: { type: string } }
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        data: { $ref: '#/components/schemas/AddFollowersRequest' }
              responses:
                '200': { description: ok }
          /projects:
            get:
              operationId: listProjects
              parameters:
              - { name: archived, in: query, schema: { type: boolean } }
              responses:
                '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/ProjectFeature' } } } } }
          /project_settings:
            get:
              operationId: getProjectSettings
              responses:
                '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/ListProjectsParams' } } } }
          /project_feature_states:
            get:
              operationId: getProjectFeatureState
              responses:
                '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/ProjectFeatureState' } } } }
        components:
          schemas:
            AddFollowersRequest:
              type: object
              properties:
                followers: { type: string }
            ListProjectsParams:
              type: object
              properties:
                default_view: { type: string }
            ProjectFeature:
              type: object
              properties:
                state: { type: string, enum: [on, off] }
            ProjectFeatureState:
              type: object
              properties:
                enabled: { type: boolean }
        """;

    [Fact]
    public void ADeclaredSchemaKeepsItsNameAndTheMadeUpNameYieldsWithoutAWarning()
    {
        var (spec, run, output) = Generate(DeclaredAndMadeUp);

        AssertCompiles(output);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "TSG007");

        // Each declared schema is generated under its key, though a made-up name wanting it was met first.
        Assert.Equal("followers", spec.Models.Single(m => m.Name == "AddFollowersRequest").Properties.Single().WireName);
        Assert.Equal("default_view", spec.Models.Single(m => m.Name == "ListProjectsParams").Properties.Single().WireName);
        Assert.Equal("enabled", spec.Models.Single(m => m.Name == "ProjectFeatureState").Properties.Single().WireName);

        // The made-up names yield: the body's wrapper, the parameter class, the inline enum named after its property.
        OperationSpec addFollowers = spec.Resources.WithDescendants().SelectMany(r => r.Operations).Single(o => o.OperationId == "addFollowers");
        Assert.Equal("AddFollowersRequestBody", ShortName(addFollowers.Body!));
        Assert.Equal(("Tasks.AddFollowers", null), Methods(spec)["addFollowers"]);
        string paramsClass = Methods(spec)["listProjects"].Params!;
        Assert.StartsWith("ListProjectsParams_", paramsClass);
        Assert.Equal(ModelKind.Query, spec.Models.Single(m => m.Name == paramsClass).Kind);
        Assert.StartsWith("ProjectFeatureState_", Assert.Single(spec.Enums).Name);
    }

    [Fact]
    public void ADeclaredNameDoesNotDependOnTheOrderTheSpecIsRead()
    {
        // The declared schemas are met before the made-up names that want them, instead of after.
        int start = DeclaredAndMadeUp.IndexOf("  /project_settings:", System.StringComparison.Ordinal);
        int end = DeclaredAndMadeUp.IndexOf("components:", System.StringComparison.Ordinal);
        string reordered = DeclaredAndMadeUp.Remove(start, end - start)
            .Insert(DeclaredAndMadeUp.IndexOf("  /tasks/", System.StringComparison.Ordinal), DeclaredAndMadeUp.Substring(start, end - start));
        Assert.NotEqual(DeclaredAndMadeUp, reordered);
        var (before, _, _) = Generate(DeclaredAndMadeUp);
        var (after, run, _) = Generate(reordered);

        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "TSG007");
        Assert.Equal(before.Models.Select(m => m.Name).Order(), after.Models.Select(m => m.Name).Order());
        Assert.Equal(before.Enums.Select(e => e.Name), after.Enums.Select(e => e.Name));
    }

    private const string Overrides = """
        openapi: 3.1.0
        info:
          title: Gadget Store
          version: 1.0.0
        servers:
        - url: https://gadgets.example
        paths:
          /gadgets:
            get:
              operationId: listGadgets
              x-csharp-name: Browse
              parameters:
              - { name: page_token, in: query, x-csharp-name: Cursor, schema: { type: string } }
              responses:
                '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/Gadget' } } } } }
          /gadgets/{gadget_id}:
            get:
              operationId: getGadget
              parameters:
              - { name: gadget_id, in: path, required: true, x-csharp-name: gadgetKey, schema: { type: string } }
              - { name: X-Trace, in: header, x-csharp-name: traceId, schema: { type: string } }
              responses:
                '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Gadget' } } } }
        components:
          schemas:
            Gadget:
              x-csharp-name: Device
              type: object
              properties:
                serial_no: { type: string, x-csharp-name: SerialNumber }
                color:
                  type: string
                  enum: [red, dark-blue, '1']
                  x-enum-varnames: [Crimson, Navy]
                mode:
                  type: string
                  enum: [a, b]
                  x-enumNames: [Automatic, Battery]
        """;

    [Fact]
    public void XCSharpNameOverridesTheNameOfEachKindOfElement()
    {
        var (spec, run, output) = Generate(Overrides);

        AssertCompiles(output);
        Assert.Empty(run.Diagnostics);
        OperationSpec browse = spec.Resources.Single().Operations.Single(o => o.OperationId == "listGadgets");
        Assert.Equal("Browse", browse.MethodName);                                   // an operation
        Assert.Equal("BrowseParams", browse.QueryClass);                             // its parameter class follows
        Assert.Equal("Cursor", spec.Models.Single(m => m.Name == "BrowseParams").Properties.Single().Name); // a query parameter
        OperationSpec get = spec.Resources.Single().Operations.Single(o => o.OperationId == "getGadget");
        Assert.Equal("gadgetKey", get.PathParameters.Single().Name);                // a path parameter
        Assert.Equal("traceId", get.HeaderParameters.Single().Name);                // a header parameter
        ModelSpec device = spec.Models.Single(m => m.Name == "Device");              // a schema
        Assert.DoesNotContain(spec.Models, m => m.Name == "Gadget");
        Assert.Equal("SerialNumber", device.Properties.Single(p => p.WireName == "serial_no").Name); // a property
        EnumSpec color = spec.Enums.Single(e => e.Members.Any(m => m.Value == "red"));
        Assert.Equal(["Crimson", "Navy", "V1"], color.Members.Select(m => m.Name)); // enum values; the one without a name keeps its own
        Assert.Equal(["Automatic", "Battery"], spec.Enums.Single(e => e.Members.Any(m => m.Value == "a")).Members.Select(m => m.Name));

        string client = run.GeneratedSources.Single(s => s.HintName == "Gadget.Store.GadgetsClient.g.cs").SourceText.ToString();
        Assert.Contains("BrowseAsync(", client);
        Assert.Contains("RetrieveAsync(string gadgetKey,", client);
    }

    [Fact]
    public void AnInvalidXCSharpNameIsReportedWhereItIsAndTheDerivedNameIsUsed()
    {
        string spec = Overrides
            .Replace("x-csharp-name: Browse", "x-csharp-name: list-gadgets")
            .Replace("x-csharp-name: Device", "x-csharp-name: 2Device")
            .Replace("x-csharp-name: SerialNumber", "x-csharp-name: class")
            .Replace("x-csharp-name: Cursor", "x-csharp-name: { not: scalar }")
            .Replace("[Crimson, Navy]", "[Crimson, 'Navy Blue']");
        var (model, run, output) = Generate(spec);

        AssertCompiles(output);
        var reported = run.Diagnostics.Where(d => d.Id == "TSG015").ToList();
        Assert.Equal(5, reported.Count);
        Assert.All(reported, d => Assert.Equal(DiagnosticSeverity.Warning, d.DefaultSeverity));
        Diagnostic operation = Assert.Single(reported, d => d.GetMessage().Contains("'list-gadgets'"));
        Assert.Contains("the operation 'listGadgets'", operation.GetMessage());
        string[] lines = spec.Split('\n');
        Assert.Contains("x-csharp-name: list-gadgets", lines[operation.Location.GetLineSpan().StartLinePosition.Line]);
        Assert.Contains(reported, d => d.GetMessage().Contains("'Navy Blue'") && lines[d.Location.GetLineSpan().StartLinePosition.Line].Contains("Navy Blue"));

        // The derived names stand.
        Assert.Equal("List", model.Resources.Single().Operations.Single(o => o.OperationId == "listGadgets").MethodName);
        Assert.Contains(model.Models, m => m.Name == "Gadget");
        Assert.Equal("SerialNo", model.Models.Single(m => m.Name == "Gadget").Properties.Single(p => p.WireName == "serial_no").Name);
        Assert.Equal("PageToken", model.Models.Single(m => m.Name == "ListGadgetsParams").Properties.Single().Name);
        Assert.Equal(["Crimson", "DarkBlue", "V1"], model.Enums.Single(e => e.Members.Any(m => m.Value == "red")).Members.Select(m => m.Name));
    }

    [Theory]
    [InlineData("Widget", true)]
    [InlineData("_widget2", true)]
    [InlineData("2widget", false)]
    [InlineData("class", false)]
    [InlineData("var", false)]
    [InlineData("list-widgets", false)]
    [InlineData("Wídget", false)]
    [InlineData("", false)]
    public void AnOverrideMustBeAnAsciiIdentifierThatIsNotAKeyword(string name, bool valid) =>
        Assert.Equal(valid, ApiModelBuilder.IsValidIdentifier(name));

    [Fact]
    public void TheSipClientKeepsTheMethodNamesOfTheOfficialSdks()
    {
        ApiSpec spec = ApiModelBuilder.Build(new Reading.SpecInput(GeneratorHarness.SipSpecPath, GeneratorHarness.SipSpecText, null, null, true), default).Spec!;

        // Its operationIds (ListCredentialConnections, CreateAccessIPRange, CreateVoiceProfile, GetOutboundVoiceProfile…)
        // shortened by their resources give the names the official SDKs use.
        var names = spec.Resources.WithDescendants().SelectMany(r => r.Operations).Select(o => o.MethodName).Distinct().Order();
        Assert.Equal(["CheckRegistrationStatus", "Create", "Delete", "List", "Retrieve", "Update"], names);
        Assert.Equal(("OutboundVoiceProfiles.Create", null), Methods(spec)["CreateVoiceProfile"]);
        Assert.Equal(("OutboundVoiceProfiles.Retrieve", null), Methods(spec)["GetOutboundVoiceProfile"]);
        Assert.Equal(("CredentialConnections.List", "ListCredentialConnectionsParams"), Methods(spec)["ListCredentialConnections"]);
    }
}
