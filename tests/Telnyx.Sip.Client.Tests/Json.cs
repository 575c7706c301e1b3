using System.Buffers;
using System.Text;
using System.Text.Json;
using Telnyx.Sip.Runtime;

namespace Telnyx.Sip.Client.Tests;

/// <summary>Reads and writes generated models the way the client does.</summary>
internal static class Json
{
    public static T Read<T>(string json) where T : class, IJsonModel<T>
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        return JsonModelReader<T>.Read(ref reader);
    }

    public static string Write<T>(T model) where T : class, IJsonModel<T>
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            model.WriteJson(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Asserts that two documents hold the same members and values; member order does not matter in JSON.</summary>
    public static void AssertSame(string expected, string actual)
    {
        using JsonDocument left = JsonDocument.Parse(expected);
        using JsonDocument right = JsonDocument.Parse(actual);
        Xunit.Assert.True(JsonElement.DeepEquals(left.RootElement, right.RootElement), $"Expected {expected}\nActual   {actual}");
    }
}
