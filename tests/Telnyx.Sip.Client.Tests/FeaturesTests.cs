using System;
using Telnyx.Sip.Runtime;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Features;
using Xunit;

namespace Telnyx.Sip.Client.Tests;

/// <summary>
/// The constructs the SIP spec does not have, generated from specs/features.yaml (a small spec of our own):
/// oneOf/anyOf types, multipart, binary and form bodies, and non-JSON responses.
/// </summary>
public class FeaturesTests
{
    private static FeaturesClient Client(LoopbackServer server) => new(server.Options<FeaturesClientOptions>());

    [Fact]
    public async Task AOneOfWithADiscriminatorReadsAsTheNamedVariant()
    {
        await using var server = new LoopbackServer(request => new CannedResponse(200, request.RawUrl.EndsWith("/1", StringComparison.Ordinal)
            ? """{"data":{"pet_type":"cat","lives":9}}"""
            : """{"data":{"pet_type":"dog","good_boy":true}}"""));
        var client = Client(server);

        Pet cat = await client.Pets.RetrieveAsync("1", xRequestSource: "tests");
        Pet dog = await client.Pets.RetrieveAsync("2");

        Assert.True(cat.TryGetCat(out Cat? felix));
        Assert.Equal(9, felix.Lives);
        Assert.False(cat.TryGetDog(out _));
        Assert.Equal("cat", cat.Discriminator);
        Assert.True(dog.TryGetDog(out Dog? rex));
        Assert.True(rex.GoodBoy);
        Assert.False(dog.TryGetCat(out _));
        Assert.Equal("tests", server.Requests.ToArray()[0].Headers["X-Request-Source"]);
        Assert.Null(server.Requests.ToArray()[1].Headers["X-Request-Source"]);
    }

    [Fact]
    public void AnAnyOfWithoutADiscriminatorIsToldByTheShapeOfTheJson()
    {
        Condition number = JsonModel.Read<Condition>("42.5");
        Condition text = JsonModel.Read<Condition>("\"always\"");
        Condition rule = JsonModel.Read<Condition>("""{"field":"country","equals":"US"}""");
        Condition other = JsonModel.Read<Condition>("""{"unrelated":true}""");

        Assert.True(number.TryGetDouble(out double value));
        Assert.Equal(42.5, value);
        Assert.False(number.TryGetString(out _));
        Assert.True(text.TryGetString(out string? word));
        Assert.Equal("always", word);
        Assert.True(rule.TryGetRule(out Rule? parsed));
        Assert.Equal("US", parsed.EqualsValue);
        Assert.False(other.TryGetRule(out _)); // required members are missing
        Assert.Equal("""{"unrelated":true}""", JsonModel.Write(other)); // kept as received
    }

    [Fact]
    public async Task AUnionBuiltInCodeIsSentAsItsVariant()
    {
        await using var server = new LoopbackServer(request => new CannedResponse(200, request.Body));
        var client = Client(server);

        Condition stored = await client.Conditions.CreateAsync(new Rule { Field = "country", EqualsValue = "US" });
        await client.Conditions.CreateAsync(7.0);

        Assert.Equal("""{"field":"country","equals":"US"}""", server.Requests.ToArray()[0].Body);
        Assert.Equal("7", server.Requests.ToArray()[1].Body);
        Assert.True(stored.TryGetRule(out Rule? rule));
        Assert.Equal("country", rule.Field);
    }

    [Fact]
    public async Task AMultipartBodyCarriesFieldsAndFiles()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(201, """{"data":{"id":"r1","label":"greeting"}}"""));
        var client = Client(server);
        using var audio = new MemoryStream(Encoding.ASCII.GetBytes("RIFF....WAVEfmt "));

        Recording recording = await client.Recordings.UploadAsync(new MultipartBody()
            .Add("label", "greeting")
            .Add("file", audio, "greeting.wav", "audio/wav"));

        Assert.Equal("r1", recording.Id);
        ReceivedRequest request = Assert.Single(server.Requests);
        Assert.StartsWith("multipart/form-data; boundary=", request.Headers["Content-Type"]);
        Assert.Contains("name=label", request.Body);
        Assert.Contains("greeting", request.Body);
        Assert.Contains("filename=greeting.wav", request.Body);
        Assert.Contains("RIFF....WAVEfmt ", request.Body);
    }

    [Fact]
    public async Task ABinaryBodyIsSentAsItIsWithTheSpecsMediaType()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(204, ""));
        var client = Client(server);
        using var audio = new MemoryStream(Encoding.ASCII.GetBytes("RIFF-audio-bytes"));

        ApiResponse response = await client.Recordings.Audio.UpdateAsync("r1", audio);

        Assert.Equal(204, response.StatusCode);
        ReceivedRequest request = Assert.Single(server.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal("audio/wav", request.Headers["Content-Type"]);
        Assert.Equal("RIFF-audio-bytes", request.Body);
    }

    [Fact]
    public async Task ANonJsonResponseIsReturnedAsAStream()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, "%PDF-1.7 fake invoice",
            new Dictionary<string, string> { ["x-request-id"] = "req-pdf" }));
        var client = Client(server);

        using ApiStreamResponse pdf = await client.Invoices.Pdf.DownloadAsync("inv_1");
        using var reader = new StreamReader(pdf.Content);

        Assert.Equal("%PDF-1.7 fake invoice", await reader.ReadToEndAsync());
        Assert.Equal("req-pdf", pdf.RequestId);
        Assert.Equal(200, pdf.StatusCode);
    }

    [Fact]
    public async Task AFormBodyIsUrlEncoded()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, """{"access_token":"t0k"}"""));
        var client = Client(server);

        CreateTokenResponse token = await client.Tokens.CreateAsync([new("grant_type", "client credentials")]);

        Assert.Equal("t0k", token.AccessToken);
        ReceivedRequest request = Assert.Single(server.Requests);
        Assert.Equal("application/x-www-form-urlencoded", request.Headers["Content-Type"]);
        Assert.Equal("grant_type=client+credentials", request.Body);
    }
}
