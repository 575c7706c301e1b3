using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace Telnyx.Sip.Emulator.Tests;

/// <summary>Each rule of the emulator on the SIP spec, through the generated client as a user calls it.</summary>
public sealed class SipSpecBehaviourTests
{
    private readonly ApiEmulator _emulator = Sip.Emulator();

    private TelnyxSipClient Client => Sip.Client(_emulator);

    private static CreateCredentialConnectionRequest NewConnection(string name = "Office Berlin", string user = "berlinoffice1") => new()
    {
        UserName = user,
        Password = "correct-horse-battery",
        ConnectionName = name,
        AnchorsiteOverride = AnchorsiteOverride.ChicagoIL,
        EncryptedMedia = EncryptedMedia.Srtp,
    };

    [Fact]
    public void Collections_are_inferred_from_the_paths()
    {
        Assert.Contains("/credential_connections", _emulator.Collections);
        Assert.Contains("/outbound_voice_profiles", _emulator.Collections);
        Assert.Contains("/connections", _emulator.Collections);
        Assert.DoesNotContain(_emulator.Collections, c => c.Contains("actions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_answers_201_in_the_envelope_with_what_the_server_owns_filled()
    {
        CredentialConnection created = await Client.CredentialConnections.CreateAsync(NewConnection());

        Assert.Equal("Office Berlin", created.ConnectionName);
        Assert.Equal(AnchorsiteOverride.ChicagoIL, created.AnchorsiteOverride);
        Assert.Matches("^[1-9][0-9]{18}$", created.Id); // the spec's numeric-string ids
        Assert.Equal("credential_connection", created.RecordType); // from the schema's example
        Assert.Equal("2025-01-01T00:00:00.000Z", created.CreatedAt);
        Assert.Equal(created.CreatedAt, _emulator.Find("/credential_connections", created.Id)!["created_at"]!.GetValue<string>());
        Assert.Equal(201, _emulator.Journal.Single().Status);
        JsonObject stored = _emulator.Items("/credential_connections").Single();
        Assert.False(stored["call_cost_in_webhooks"]!.GetValue<bool>()); // a default the schema declares
    }

    [Fact]
    public async Task A_created_item_is_returned_by_retrieve_and_list()
    {
        CredentialConnection created = await Client.CredentialConnections.CreateAsync(NewConnection());

        CredentialConnection read = await Client.CredentialConnections.RetrieveAsync(created.Id);
        var listed = new List<CredentialConnection>();
        await foreach (CredentialConnection c in Client.CredentialConnections.ListAsync())
        {
            listed.Add(c);
        }

        Assert.Equal("Office Berlin", read.ConnectionName);
        Assert.Equal(created.Id, Assert.Single(listed).Id);
    }

    [Fact]
    public async Task Create_with_a_missing_required_member_is_422_with_the_pointer()
    {
        string body = """{"user_name":"someone1","connection_name":"No password"}""";
        HttpResponseMessage response = await Post("credential_connections", body);

        Assert.Equal(422, (int)response.StatusCode);
        JsonObject error = (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!;
        Assert.Equal("/password", error["source"]!["pointer"]!.GetValue<string>());
        Assert.Contains("is required", error["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("10015", error["code"]!.GetValue<string>()); // the code of the spec's own example
        Assert.Empty(_emulator.Items("/credential_connections"));
    }

    [Theory]
    [InlineData("""{"user_name":"someone1","password":"secret","connection_name":"Office","anchorsite_override":"Mars"}""", "/anchorsite_override", "must be one of")]
    [InlineData("""{"user_name":"someone1","password":"secret","connection_name":"Office","active":"yes"}""", "/active", "must be a boolean")]
    [InlineData("""{"user_name":"someone1","password":"secret","connection_name":"Office","webhook_timeout_secs":99}""", "/webhook_timeout_secs", "at most 30")]
    [InlineData("""{"user_name":"someone1","password":"secret","connection_name":"Office","webhook_event_url":"not a url"}""", "/webhook_event_url", "valid uri")]
    public async Task Create_validates_enums_types_bounds_and_formats(string body, string pointer, string detail)
    {
        HttpResponseMessage response = await Post("credential_connections", body);

        Assert.Equal(422, (int)response.StatusCode);
        JsonObject error = (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!;
        Assert.Equal(pointer, error["source"]!["pointer"]!.GetValue<string>());
        Assert.Contains(detail, error["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_an_API_error_not_an_exception()
    {
        HttpResponseMessage response = await Post("credential_connections", "{\"user_name\": ");

        Assert.Equal(422, (int)response.StatusCode); // the operation declares 422 and not 400
        Assert.Contains("not valid JSON", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_merges_renames_clears_a_nullable_member_and_moves_updated_at()
    {
        CredentialConnection created = await Client.CredentialConnections.CreateAsync(NewConnection());

        CredentialConnection updated = await Client.CredentialConnections.UpdateAsync(created.Id,
            new UpdateCredentialConnectionRequest { ConnectionName = "Office Berlin (renamed)", EncryptedMedia = null });
        CredentialConnection read = await Client.CredentialConnections.RetrieveAsync(created.Id);

        Assert.Equal("Office Berlin (renamed)", read.ConnectionName);
        Assert.Null(read.EncryptedMedia);
        Assert.Equal(AnchorsiteOverride.ChicagoIL, read.AnchorsiteOverride); // absent: untouched
        Assert.Equal(created.CreatedAt, read.CreatedAt);
        Assert.True(string.CompareOrdinal(updated.UpdatedAt, created.UpdatedAt) > 0);
        JsonObject stored = _emulator.Find("/credential_connections", created.Id)!;
        Assert.True(stored.ContainsKey("encrypted_media") && stored["encrypted_media"] is null);
    }

    [Fact]
    public async Task Update_merges_nested_objects_member_by_member()
    {
        CredentialConnection created = await Client.CredentialConnections.CreateAsync(NewConnection());
        await Send(HttpMethod.Patch, $"credential_connections/{created.Id}", """{"inbound":{"channel_limit":7}}""");
        await Send(HttpMethod.Patch, $"credential_connections/{created.Id}", """{"inbound":{"generate_ringback_tone":true}}""");

        JsonObject inbound = (JsonObject)_emulator.Find("/credential_connections", created.Id)!["inbound"]!;
        Assert.Equal(7, inbound["channel_limit"]!.GetValue<long>());
        Assert.True(inbound["generate_ringback_tone"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Delete_removes_and_the_item_is_404_afterwards_in_the_spec_error_shape()
    {
        CredentialConnection created = await Client.CredentialConnections.CreateAsync(NewConnection());

        CredentialConnection deleted = await Client.CredentialConnections.DeleteAsync(created.Id);
        NotFoundException error = await Assert.ThrowsAsync<NotFoundException>(() => Client.CredentialConnections.RetrieveAsync(created.Id));

        Assert.Equal(created.Id, deleted.Id);
        Assert.Equal("10005", error.Errors.Single().Code);
        Assert.Equal("Resource not found", error.Errors.Single().Title);
        Assert.Empty(_emulator.Items("/credential_connections"));
    }

    [Fact]
    public async Task Unknown_ids_are_404_for_update_delete_and_actions()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => Client.CredentialConnections.UpdateAsync("1", new UpdateCredentialConnectionRequest { ConnectionName = "x" }));
        await Assert.ThrowsAsync<NotFoundException>(() => Client.CredentialConnections.DeleteAsync("1"));
        await Assert.ThrowsAsync<NotFoundException>(() => Client.CredentialConnections.Actions.CheckRegistrationStatusAsync("1"));
    }

    [Fact]
    public async Task An_action_answers_with_data_valid_for_its_response_schema()
    {
        CredentialConnection created = await Client.CredentialConnections.CreateAsync(NewConnection());

        RegistrationStatus status = await Client.CredentialConnections.Actions.CheckRegistrationStatusAsync(created.Id);

        Assert.Equal("registration_status", status.RecordType);
        Assert.NotNull(status.Status);
    }

    [Fact]
    public async Task List_pages_with_the_spec_meta_and_different_items_per_page()
    {
        for (int i = 1; i <= 7; i++)
        {
            _emulator.Seed("/credential_connections", new JsonObject { ["connection_name"] = $"Office {i}", ["user_name"] = $"user{i}" });
        }

        var pages = new List<(PageMeta? Meta, string[] Names)>();
        await foreach (Page<CredentialConnection> page in Client.CredentialConnections.ListAsync(new() { Page = new() { Size = 3 }, Sort = ConnectionSort.ConnectionName }).AsPages())
        {
            pages.Add((page.Meta, page.Items.Select(c => c.ConnectionName!).ToArray()));
        }

        Assert.Equal(3, pages.Count);
        Assert.Equal([1, 2, 3], pages.Select(p => p.Meta!.PageNumber!.Value));
        Assert.All(pages, p => Assert.Equal(3, p.Meta!.TotalPages));
        Assert.All(pages, p => Assert.Equal(7, p.Meta!.TotalResults));
        Assert.Equal(["Office 1", "Office 2", "Office 3"], pages[0].Names);
        Assert.Equal(["Office 7"], pages[2].Names);
        Assert.Equal(7, pages.SelectMany(p => p.Names).Distinct().Count());
    }

    [Fact]
    public async Task List_filters_by_the_declared_deepObject_filters()
    {
        _emulator.Seed("/credential_connections", """{"connection_name":"Berlin OFFICE","outbound":{"outbound_voice_profile_id":"111"}}""");
        _emulator.Seed("/credential_connections", """{"connection_name":"Warehouse","outbound":{"outbound_voice_profile_id":"222"}}""");
        _emulator.Seed("/credential_connections", """{"connection_name":"Office Paris","outbound":{"outbound_voice_profile_id":"222"}}""");

        string[] byName = await Names(new() { Filter = new() { ConnectionName = new() { Contains = "office" } } });
        string[] byProfile = await Names(new() { Filter = new() { OutboundOutboundVoiceProfileId = "222" } });

        Assert.Equal(["Berlin OFFICE", "Office Paris"], byName);
        Assert.Equal(["Warehouse", "Office Paris"], byProfile);
    }

    [Fact]
    public async Task List_sorts_by_the_spec_sort_values_with_minus_for_descending()
    {
        foreach (string name in new[] { "b", "c", "a" })
        {
            _emulator.Seed("/credential_connections", new JsonObject { ["connection_name"] = name });
        }

        Assert.Equal(["a", "b", "c"], await Names(new() { Sort = ConnectionSort.ConnectionName }));
        Assert.Equal(["c", "b", "a"], await Names(new() { Sort = ConnectionSort.ConnectionNameDescending }));
        Assert.Equal(["b", "c", "a"], await Names(new())); // the parameter's default: created_at
    }

    [Fact]
    public async Task A_query_value_outside_the_spec_is_400_naming_the_parameter()
    {
        HttpResponseMessage response = await Send(HttpMethod.Get, "credential_connections?page[size]=999", null);
        HttpResponseMessage sort = await Send(HttpMethod.Get, "credential_connections?sort=colour", null);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("page[size] must be at most 250", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(400, (int)sort.StatusCode);
    }

    [Fact]
    public async Task Requests_without_credentials_are_401_in_the_spec_error_shape()
    {
        using HttpClient http = _emulator.CreateHttpClient();

        HttpResponseMessage response = await http.GetAsync("credential_connections");

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("10009", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_paths_and_methods_get_the_spec_error_shape()
    {
        HttpResponseMessage unknown = await Send(HttpMethod.Get, "no_such_things", null);
        HttpResponseMessage method = await Send(HttpMethod.Put, "credential_connections", "{}");

        Assert.Equal(404, (int)unknown.StatusCode);
        Assert.NotNull(JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["errors"]);
        Assert.Equal(405, (int)method.StatusCode);
    }

    [Fact]
    public async Task Responses_carry_the_headers_their_spec_response_declares()
    {
        NotFoundException error = await Assert.ThrowsAsync<NotFoundException>(() => Client.CredentialConnections.RetrieveAsync("1"));

        Assert.NotNull(error.RequestId); // NotFound declares x-request-id
    }

    [Fact]
    public void The_spec_examples_seed_every_collection()
    {
        int added = _emulator.SeedExamples();

        Assert.True(added >= _emulator.Collections.Count - 1, $"{added} examples for {_emulator.Collections.Count} collections");
        Assert.NotEmpty(_emulator.Items("/credential_connections"));
    }

    private async Task<string[]> Names(ListCredentialConnectionsParams options)
    {
        var names = new List<string>();
        await foreach (CredentialConnection c in Client.CredentialConnections.ListAsync(options))
        {
            names.Add(c.ConnectionName!);
        }

        return names.ToArray();
    }

    private Task<HttpResponseMessage> Post(string path, string body) => Send(HttpMethod.Post, path, body);

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? body)
    {
        using HttpClient http = _emulator.CreateHttpClient();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", "test-key");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request);
    }
}
