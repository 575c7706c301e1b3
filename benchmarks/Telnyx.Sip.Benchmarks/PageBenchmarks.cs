using Telnyx.Sip.Runtime;
using System.Buffers;
using System.IO;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Telnyx.Sip.Benchmarks;

/// <summary>
/// Reading and writing one list page of 250 credential connections: the generated models, System.Text.Json's source
/// generator on equivalent hand-written classes, and Newtonsoft.Json (what the existing hand-written .NET library uses).
/// </summary>
[MemoryDiagnoser]
public class PageBenchmarks
{
    private static readonly global::Newtonsoft.Json.JsonSerializer NewtonsoftSerializer = global::Newtonsoft.Json.JsonSerializer.Create(new JsonSerializerSettings
    {
        ContractResolver = new DefaultContractResolver { NamingStrategy = new SnakeCaseNamingStrategy() },
        NullValueHandling = NullValueHandling.Ignore,
    });

    private byte[] _page = [];
    private Page<CredentialConnection> _generated = null!;
    private HwPage _handWritten = null!;
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 20);

    [GlobalSetup]
    public void Setup()
    {
        _page = Payloads.Page(250);
        _generated = JsonModel.ReadPage<CredentialConnection>(_page);
        _handWritten = System.Text.Json.JsonSerializer.Deserialize(_page, HandWrittenContext.Default.HwPage)!;
        if (_generated.Items.Count != 250 || _handWritten.Data!.Count != 250 || ReadNewtonsoft() != 250)
        {
            throw new InvalidDataException("The payload did not read as 250 connections everywhere.");
        }
    }

    [Benchmark(Baseline = true, Description = "read: STJ source generator")]
    [BenchmarkCategory("read")]
    public int ReadSourceGenerated() => System.Text.Json.JsonSerializer.Deserialize(_page, HandWrittenContext.Default.HwPage)!.Data!.Count;

    [Benchmark(Description = "read: generated client")]
    [BenchmarkCategory("read")]
    public int ReadGenerated() => JsonModel.ReadPage<CredentialConnection>(_page).Items.Count;

    [Benchmark(Description = "read: Newtonsoft.Json")]
    [BenchmarkCategory("read")]
    public int ReadNewtonsoft()
    {
        using var reader = new JsonTextReader(new StreamReader(new MemoryStream(_page), Encoding.UTF8));
        return NewtonsoftSerializer.Deserialize<HwPage>(reader)!.Data!.Count;
    }

    [Benchmark(Description = "write: STJ source generator")]
    [BenchmarkCategory("write")]
    public int WriteSourceGenerated()
    {
        _buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_buffer);
        System.Text.Json.JsonSerializer.Serialize(writer, _handWritten, HandWrittenContext.Default.HwPage);
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "write: generated client")]
    [BenchmarkCategory("write")]
    public int WriteGenerated()
    {
        _buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_buffer);
        writer.WriteStartObject();
        writer.WriteStartArray("data"u8);
        for (int i = 0; i < _generated.Items.Count; i++)
        {
            _generated.Items[i].WriteJson(writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "write: Newtonsoft.Json")]
    [BenchmarkCategory("write")]
    public int WriteNewtonsoft()
    {
        var text = new StringWriter();
        NewtonsoftSerializer.Serialize(text, _handWritten);
        return text.GetStringBuilder().Length;
    }
}
