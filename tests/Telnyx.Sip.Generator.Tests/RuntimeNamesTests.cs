using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Telnyx.Sip.Generator.Tests;

/// <summary>
/// The runtime's public types live in <c>Telnyx.Sip.Runtime</c>, which a user's <c>using</c> for a client does not
/// bring in, and no runtime type carries a vendor's name. A spec may name its schemas like any runtime type.
/// </summary>
public class RuntimeNamesTests
{
    /// <summary>Every public runtime type's simple name (<c>ApiResponse`1</c> as <c>ApiResponse</c>), by reflection.</summary>
    private static readonly string[] RuntimeTypeNames = typeof(Telnyx.Sip.Runtime.ApiPipeline).Assembly.GetExportedTypes()
        .Where(t => !t.IsNested)
        .Select(t => t.Name.Split('`')[0])
        .Distinct()
        .OrderBy(n => n, StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void EveryPublicRuntimeTypeLivesInTheRuntimeNamespaceAndNoneIsNamedForAVendor()
    {
        Type[] types = typeof(Telnyx.Sip.Runtime.ApiPipeline).Assembly.GetExportedTypes();

        Assert.Contains("ApiResponse", RuntimeTypeNames);
        Assert.Contains("ClientOptions", RuntimeTypeNames);
        Assert.All(types, t => Assert.Equal("Telnyx.Sip.Runtime", t.Namespace));
        Assert.All(types, t => Assert.DoesNotContain("Telnyx", t.Name, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void SchemasNamedLikeEveryRuntimeTypeCompileInAUserFileThatImportsWhatTheReadmeSays()
    {
        var spec = new StringBuilder("""
            openapi: 3.1.0
            info:
              title: Collide API
              version: 1.0.0
            servers:
            - url: https://collide.example.com/v1
            security:
            - key: []
            paths:
              /things/{id}:
                get:
                  operationId: GetThing
                  parameters:
                  - name: id
                    in: path
                    required: true
                    schema:
                      type: integer
                  responses:
                    '200':
                      content:
                        application/json:
                          schema:
                            $ref: '#/components/schemas/ApiResponse'
                    '404':
                      content:
                        application/json:
                          schema:
                            $ref: '#/components/schemas/ApiError'
            components:
              securitySchemes:
                key:
                  type: apiKey
                  in: header
                  name: X-Key
              schemas:

            """);
        foreach (string name in RuntimeTypeNames)
        {
            spec.Append($"    {name}:\n      type: object\n      properties:\n        label:\n          type: string\n");
            if (name == "ApiResponse")
            {
                // The response reaches every other schema, so that each is generated.
                foreach (string other in RuntimeTypeNames.Where(n => n != name))
                {
                    spec.Append($"        the_{other}:\n          $ref: '#/components/schemas/{other}'\n");
                }
            }
        }

        // What the README tells users to import when their spec has schemas named like runtime types: the client's
        // namespace, and the runtime under an alias.
        var user = new StringBuilder("""
            using System;
            using System.Threading.Tasks;
            using Collide;
            using Runtime = Telnyx.Sip.Runtime;

            public static class UserCode
            {
                public static async Task<string?> RunAsync()
                {
                    var client = new CollideClient(new CollideClientOptions { ApiKey = "k", MaxRetries = 1 });
                    try
                    {
                        Runtime.ApiResponse<ApiResponse> response = await client.Things.RetrieveWithResponseAsync(1, new Runtime.RequestOptions { MaxRetries = 0 });
                        ApiResponse value = response.Value;
                        return value.Label;
                    }
                    catch (Runtime.NotFoundException error) when (error.Body is ApiError notFound)
                    {
                        return notFound.Label;
                    }
                    catch (Runtime.ApiException error)
                    {
                        return error.Message;
                    }
                }

                public static void EverySchema()
                {

            """);
        foreach (string name in RuntimeTypeNames)
        {
            user.Append($"        {name} the{name} = new {name} {{ Label = \"{name}\" }};\n        Console.WriteLine(the{name}.Label);\n");
        }

        user.Append("    }\n}\n");

        var (result, output) = GeneratorHarness.Run(spec.ToString(), "/project/specs/collide.yaml", sources: user.ToString());

        Assert.Empty(result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "TSG007"));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        // Each runtime name is a schema of the spec's own, generated under its own name.
        Assert.All(RuntimeTypeNames, name =>
            Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == $"Collide.{name}.g.cs"));
    }
}
