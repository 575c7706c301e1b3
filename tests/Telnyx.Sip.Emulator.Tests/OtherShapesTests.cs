using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace Telnyx.Sip.Emulator.Tests;

/// <summary>
/// The same rules on a spec of other shapes (specs/widgets.yaml): integer ids named <c>widgetId</c>, no envelope,
/// page/per_page paging with the numbers beside the items, offset/limit paging over a bare array, plain equality
/// filters, no security, and RFC 9457 problem details as the error shape.
/// </summary>
public sealed class OtherShapesTests
{
    private readonly ApiEmulator _emulator = Sip.Widgets();

    [Fact]
    public async Task Create_gives_integer_ids_in_sequence_without_an_envelope()
    {
        JsonObject first = await Created("""{"name":"Sprocket","color":"red"}""");
        JsonObject second = await Created("""{"name":"Gear","color":"blue","weight":1.5}""");

        Assert.Equal(1, first["widgetId"]!.GetValue<long>());
        Assert.Equal(2, second["widgetId"]!.GetValue<long>());
        Assert.Equal("widget", first["kind"]!.GetValue<string>()); // server-owned, from its enum
        Assert.True(Guid.TryParseExact(first["serial"]!.GetValue<string>(), "D", out _)); // readOnly uuid
        Assert.Equal("2025-01-01T00:00:00.000Z", first["createdAt"]!.GetValue<string>());
        Assert.Null(first["data"]);
    }

    [Fact]
    public async Task Ids_and_the_clock_are_deterministic_and_seedable()
    {
        var options = new EmulatorOptions { Seed = 7, StartTime = new DateTimeOffset(2030, 5, 6, 7, 8, 9, TimeSpan.Zero) };
        var a = Sip.Widgets(options);
        var b = Sip.Widgets(new EmulatorOptions { Seed = 7, StartTime = options.StartTime });

        string first = (await Send(a, HttpMethod.Post, "widgets", """{"name":"Sprocket","color":"red"}""")).Body;
        string second = (await Send(b, HttpMethod.Post, "widgets", """{"name":"Sprocket","color":"red"}""")).Body;

        Assert.Equal(first, second);
        Assert.Contains("2030-05-06T07:08:09.000Z", first, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"color":"red"}""", "/name", "is required")]
    [InlineData("""{"name":"x","color":"red"}""", "/name", "at least 2 characters")]
    [InlineData("""{"name":"Sprocket 9","color":"red"}""", "/name", "must match the pattern")]
    [InlineData("""{"name":"Sprocket","color":"red","weight":0}""", "/weight", "more than 0")]
    [InlineData("""{"name":"Sprocket","color":"red","tags":["a","b","c","d"]}""", "/tags", "at most 3 items")]
    [InlineData("""{"name":"Sprocket","color":"red","extra":1}""", "/extra", "not a member")]
    [InlineData("""{"name":"Sprocket","color":"red","note":null,"tags":[1]}""", "/tags/0", "must be a string")]
    public async Task Create_validates_and_answers_the_spec_problem_shape(string body, string pointer, string detail)
    {
        (int status, string text) = await Send(_emulator, HttpMethod.Post, "widgets", body);

        Assert.Equal(400, status); // the operation declares 400 for bad bodies, not 422
        JsonObject problem = (JsonObject)JsonNode.Parse(text)!;
        Assert.Equal(400, problem["status"]!.GetValue<long>());
        Assert.Contains(pointer, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(detail, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_replaces_keeping_what_the_server_owns_and_nullable_members_read_back_null()
    {
        JsonObject created = await Created("""{"name":"Sprocket","color":"red","weight":2,"note":"old"}""");

        (int status, string text) = await Send(_emulator, HttpMethod.Put, "widgets/1", """{"name":"Cog","color":"green","note":null}""");
        JsonObject replaced = (JsonObject)JsonNode.Parse(text)!;

        Assert.Equal(200, status);
        Assert.Equal("Cog", replaced["name"]!.GetValue<string>());
        Assert.False(replaced.ContainsKey("weight")); // not in the replacement
        Assert.True(replaced.ContainsKey("note") && replaced["note"] is null);
        Assert.Equal(created["serial"]!.GetValue<string>(), replaced["serial"]!.GetValue<string>());
        Assert.Equal(created["createdAt"]!.GetValue<string>(), replaced["createdAt"]!.GetValue<string>());
        Assert.NotEqual(created["updatedAt"]!.GetValue<string>(), replaced["updatedAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_answers_204_without_a_body_and_then_404()
    {
        await Created("""{"name":"Sprocket","color":"red"}""");

        (int deleted, string body) = await Send(_emulator, HttpMethod.Delete, "widgets/1", null);
        (int again, string problem) = await Send(_emulator, HttpMethod.Get, "widgets/1", null);

        Assert.Equal(204, deleted);
        Assert.Equal("", body);
        Assert.Equal(404, again);
        Assert.Equal("Resource not found", JsonNode.Parse(problem)!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Page_and_per_page_page_with_the_numbers_beside_the_items()
    {
        for (int i = 1; i <= 5; i++)
        {
            _emulator.Seed("/widgets", new JsonObject { ["name"] = $"W{i}", ["color"] = i % 2 == 0 ? "red" : "blue", ["weight"] = 10 - i });
        }

        JsonObject page = (JsonObject)JsonNode.Parse((await Send(_emulator, HttpMethod.Get, "widgets?page=2&per_page=2&sort=-weight", null)).Body)!;
        JsonObject red = (JsonObject)JsonNode.Parse((await Send(_emulator, HttpMethod.Get, "widgets?color=red", null)).Body)!;

        Assert.Equal(["W3", "W4"], page["items"]!.AsArray().Select(w => w!["name"]!.GetValue<string>()));
        Assert.Equal(5, page["total"]!.GetValue<long>());
        Assert.Equal(2, page["page"]!.GetValue<long>());
        Assert.Equal(2, page["per_page"]!.GetValue<long>());
        Assert.Equal(["W2", "W4"], red["items"]!.AsArray().Select(w => w!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Offset_and_limit_page_a_bare_array_with_uuid_ids()
    {
        foreach (string label in new[] { "a", "b", "c" })
        {
            await Send(_emulator, HttpMethod.Post, "gadgets", $$"""{"label":"{{label}}"}""");
        }

        JsonArray first = JsonNode.Parse((await Send(_emulator, HttpMethod.Get, "gadgets", null)).Body)!.AsArray();
        JsonArray rest = JsonNode.Parse((await Send(_emulator, HttpMethod.Get, "gadgets?offset=2", null)).Body)!.AsArray();

        Assert.Equal(["a", "b"], first.Select(g => g!["label"]!.GetValue<string>())); // limit's default: 2
        Assert.Equal(["c"], rest.Select(g => g!["label"]!.GetValue<string>()));
        Assert.True(Guid.TryParseExact(rest[0]!["id"]!.GetValue<string>(), "D", out _));
    }

    [Fact]
    public async Task An_action_checks_its_item_and_answers_within_its_schema()
    {
        await Created("""{"name":"Sprocket","color":"red"}""");

        (int ok, string body) = await Send(_emulator, HttpMethod.Post, "widgets/1/spin", null);
        (int missing, _) = await Send(_emulator, HttpMethod.Post, "widgets/9/spin", null);

        Assert.Equal(200, ok);
        Assert.InRange(JsonNode.Parse(body)!["rpm"]!.GetValue<long>(), 100, 3000);
        Assert.Equal(404, missing);
    }

    [Fact]
    public async Task A_query_value_of_the_wrong_type_is_400_in_the_problem_shape()
    {
        (int status, string body) = await Send(_emulator, HttpMethod.Get, "widgets?per_page=lots", null);

        Assert.Equal(400, status);
        Assert.Contains("per_page must be an integer", JsonNode.Parse(body)!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spec_without_security_needs_no_credentials_and_paths_may_carry_the_server_base_path()
    {
        using HttpClient http = _emulator.CreateHttpClient();

        HttpResponseMessage withBase = await http.GetAsync("widgets");
        HttpResponseMessage withoutBase = await http.GetAsync("/widgets");

        Assert.Equal("http://localhost/api/", _emulator.BaseUrl.AbsoluteUri);
        Assert.Equal(200, (int)withBase.StatusCode);
        Assert.Equal(200, (int)withoutBase.StatusCode);
    }

    private async Task<JsonObject> Created(string body)
    {
        (int status, string text) = await Send(_emulator, HttpMethod.Post, "widgets", body);
        Assert.Equal(201, status);
        return (JsonObject)JsonNode.Parse(text)!;
    }

    internal static async Task<(int Status, string Body)> Send(ApiEmulator emulator, HttpMethod method, string path, string? body)
    {
        using HttpClient http = emulator.CreateHttpClient();
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
