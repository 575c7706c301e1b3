using System;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Telnyx.Sip.Runtime;

/// <summary>Reads one value of <typeparamref name="T"/> at the reader's current token.</summary>
public delegate T JsonReadFunc<T>(ref Utf8JsonReader reader);

/// <summary>
/// A generated model that reads and writes itself without reflection. Every model the generator emits implements
/// it, so that serialization works under trimming and NativeAOT.
/// </summary>
/// <typeparam name="TSelf">The model type.</typeparam>
public interface IJsonModel<TSelf> where TSelf : IJsonModel<TSelf>
{
    /// <summary>Reads a model from the JSON object at the reader's current token.</summary>
    static abstract TSelf ReadJson(ref Utf8JsonReader reader);

    /// <summary>Writes the model as a JSON object: the properties that were assigned or read, and any unknown ones.</summary>
    void WriteJson(Utf8JsonWriter writer);
}

/// <summary>A generated string enumeration: known values have names, and any other value is kept as it is.</summary>
/// <typeparam name="TSelf">The enumeration type.</typeparam>
public interface IJsonEnum<TSelf> where TSelf : struct, IJsonEnum<TSelf>
{
    /// <summary>Returns the value for a wire string, known or not.</summary>
    static abstract TSelf FromWire(string value);

    /// <summary>The exact string sent on the wire.</summary>
    string Value { get; }
}

/// <summary>Lets <see cref="JsonSerializer"/> handle a generated model by calling its own code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class JsonModelConverter<T> : JsonConverter<T> where T : class, IJsonModel<T>
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => T.ReadJson(ref reader);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => value.WriteJson(writer);
}

/// <summary>Lets <see cref="JsonSerializer"/> handle a generated enumeration.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class JsonEnumConverter<T> : JsonConverter<T> where T : struct, IJsonEnum<T>
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => JsonRead.Enum<T>(ref reader);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
