using System;
using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Telnyx.Sip.Runtime;

namespace Telnyx.Sip.Runtime;

/// <summary>Reads and writes generated models, for instance to store them or to build test data.</summary>
public static class JsonModel
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Reads a model from UTF-8 JSON.</summary>
    /// <exception cref="ApiSerializationException">The JSON is malformed or does not fit the model; <c>Path</c> says where.</exception>
    public static T Read<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.NonPublicConstructors)] T>(ReadOnlySpan<byte> utf8Json) where T : class, IJsonModel<T> => Read(utf8Json, JsonModelReader<T>.Read);

    /// <summary>Reads a model from JSON text.</summary>
    /// <exception cref="ApiSerializationException">The JSON is malformed or does not fit the model; <c>Path</c> says where.</exception>
    public static T Read<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.NonPublicConstructors)] T>(string json) where T : class, IJsonModel<T> => Read<T>(Encoding.UTF8.GetBytes(json));

    /// <summary>Reads one page of a list, <c>{"data": [...], "meta": {...}}</c>, as the API sends it.</summary>
    /// <exception cref="ApiSerializationException">The JSON is malformed or does not fit; <c>Path</c> says where.</exception>
    public static Page<T> ReadPage<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.NonPublicConstructors)] T>(ReadOnlySpan<byte> utf8Json) where T : class, IJsonModel<T>
    {
        JsonReadFunc<T> readItem = JsonModelReader<T>.Read;
        PageBody<T> body = Read(utf8Json, (ref Utf8JsonReader reader) => PageBody<T>.Read(ref reader, readItem));
        return new Page<T>(body.Items, body.Meta, null);
    }

    /// <summary>Writes a model as compact JSON text.</summary>
    public static string Write<T>(T model) where T : class, IJsonModel<T>
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            model.WriteJson(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads a value with <paramref name="read"/>, turning every reading failure into <see cref="ApiSerializationException"/>.</summary>
    internal static T Read<T>(ReadOnlySpan<byte> utf8Json, JsonReadFunc<T> read)
    {
        if (utf8Json.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new ApiSerializationException("The body is empty where a JSON value was expected", "$") { RawBody = "" };
        }

        try
        {
            var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
            // At the first token: a model's reader would move there itself, a list's or a scalar's would not.
            JsonRead.Start(ref reader);
            return read(ref reader);
        }
        catch (ApiSerializationException error)
        {
            error.RawBody ??= Encoding.UTF8.GetString(utf8Json);
            throw;
        }
        catch (JsonException error)
        {
            ApiSerializationException wrapped = JsonRead.Malformed(error);
            wrapped.RawBody = Encoding.UTF8.GetString(utf8Json);
            throw wrapped;
        }
    }
}
