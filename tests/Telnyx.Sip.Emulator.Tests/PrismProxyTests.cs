using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Telnyx.Sip.Emulator.Spec;
using Telnyx.Sip.Mock;
using Xunit;

namespace Telnyx.Sip.Emulator.Tests;

/// <summary>
/// The independent judge: every operation of the SIP spec, sent through Prism's validation proxy to the emulator
/// served on loopback, gets responses Prism finds valid against the spec. A control proves Prism does flag a bad one.
/// </summary>
public sealed class PrismProxyTests
{
    [Fact]
    public async Task Every_operation_answers_within_the_spec_through_Prism_validation_proxy()
    {
        var emulator = Sip.Emulator();
        await using EmulatorServer server = await emulator.ServeAsync();
        await using PrismServer prism = await PrismServer.StartProxyAsync(Sip.RepoRoot, Sip.SpecPath, server.Root);
        using var http = new HttpClient { BaseAddress = prism.BaseUrl };
        var log = new List<string>();
        var flagged = new List<string>();

        // Deliberately bad requests (an empty create body) are request violations; what their answers are is still checked.
        async Task<JsonNode?> Call(string method, string path, JsonNode? body = null, bool badRequest = false)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/'));
            request.Headers.Authorization = new("Bearer", "test-key");
            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }

            using HttpResponseMessage response = await http.SendAsync(request);
            string text = await response.Content.ReadAsStringAsync();
            log.Add($"{method} {path} -> {(int)response.StatusCode}");
            if (response.Headers.TryGetValues("sl-violations", out IEnumerable<string>? violations))
            {
                foreach (JsonNode? violation in JsonNode.Parse(string.Join("", violations)) as JsonArray ?? [])
                {
                    if (!badRequest || violation?["location"]?[0]?.GetValue<string>() != "request")
                    {
                        flagged.Add($"{method} {path} -> {(int)response.StatusCode}: {violation?.ToJsonString()}");
                    }
                }
            }

            return text.Length == 0 ? null : JsonNode.Parse(text);
        }

        var root = SpecReader.Parse(Sip.SpecText);
        var model = ApiModel.Build(root);
        var validator = new SchemaValidator(model.Schemas);
        var generator = new DataGenerator(model.Schemas, validator, () => DateTimeOffset.UnixEpoch, Guid.NewGuid);
        int operationsCalled = 0;
        foreach (Resource resource in model.Resources)
        {
            string? id = null;
            if (resource.Create is { } create)
            {
                JsonNode? created = await Call("POST", resource.CollectionPath, generator.Generate(RequestSchema(model, create)));
                id = FindId(created, resource.IdProperty);
                await Call("POST", resource.CollectionPath, new JsonObject(), badRequest: true); // 422: required members missing
                operationsCalled++;
            }
            else
            {
                id = Json.Text(emulator.Seed(resource.CollectionPath, new JsonObject())[resource.IdProperty]);
            }

            if (resource.List is not null)
            {
                await Call("GET", resource.CollectionPath);
                await Call("GET", resource.CollectionPath + "?page[number]=1&page[size]=1");
                operationsCalled++;
            }

            foreach (Operation operation in model.Operations.Where(o => o.Resource == resource && o.Kind is not (OperationKind.List or OperationKind.Create or OperationKind.Delete)))
            {
                string path = operation.PathTemplate.Replace("{" + resource.ItemParameter + "}", id);
                JsonNode? body = operation.Node["requestBody"] is null ? null : generator.Generate(RequestSchema(model, operation));
                await Call(operation.Method, path, body);
                await Call(operation.Method, operation.PathTemplate.Replace("{" + resource.ItemParameter + "}", UnknownId(resource)), body); // unknown id: 404
                operationsCalled++;
            }

            if (resource.ItemPath is { } itemPath && model.Operations.FirstOrDefault(o => o.Resource == resource && o.Kind == OperationKind.Delete) is not null)
            {
                await Call("DELETE", itemPath.Replace("{" + resource.ItemParameter + "}", id));
                await Call("DELETE", itemPath.Replace("{" + resource.ItemParameter + "}", id)); // gone: 404
                operationsCalled++;
            }
        }

        Assert.Equal(model.Operations.Count, operationsCalled);
        string[] responseViolations = prism.Violations.Where(line => line.Contains("Violation: response", StringComparison.Ordinal)).ToArray();
        Assert.True(flagged.Count == 0 && responseViolations.Length == 0,
            "Prism found violations:\n" + string.Join("\n", flagged.Concat(responseViolations)) + "\n\nCalls:\n" + string.Join("\n", log));
        Assert.Contains(log, line => line.EndsWith("-> 404", StringComparison.Ordinal));
        Assert.Contains(log, line => line.EndsWith("-> 422", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Prism_proxy_flags_a_response_that_breaks_the_spec()
    {
        var emulator = Sip.Emulator();
        // A seeded item is stored as given: a number where the spec says string makes the answer invalid.
        string id = Json.Text(emulator.Seed("/credential_connections", """{"connection_name": 42}""")["id"]);
        await using EmulatorServer server = await emulator.ServeAsync();
        await using PrismServer prism = await PrismServer.StartProxyAsync(Sip.RepoRoot, Sip.SpecPath, server.Root);
        using var http = new HttpClient { BaseAddress = prism.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "test-key");

        using HttpResponseMessage response = await http.GetAsync($"credential_connections/{id}");

        Assert.True(response.Headers.Contains("sl-violations"), string.Join("\n", prism.Log));
    }

    /// <summary>An id of the right shape that no item has.</summary>
    private static string UnknownId(Resource resource) => resource.IdKind == IdKind.Uuid ? "00000000-0000-4000-8000-000000000000" : "1";

    private static JsonNode? RequestSchema(ApiModel model, Operation operation) =>
        model.Schemas.Resolve(operation.Node["requestBody"]) is { } body ? ResponseShape.JsonMedia(model.Schemas, body)?["schema"] : null;

    private static string? FindId(JsonNode? node, string idProperty) => node switch
    {
        JsonObject map when map[idProperty] is { } id => Json.Text(id),
        JsonObject map => map.Select(m => FindId(m.Value, idProperty)).FirstOrDefault(i => i is not null),
        _ => null,
    };
}
