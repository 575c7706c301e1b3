using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Telnyx.Sip.Runtime;

/// <summary>Reads one value of <typeparamref name="T"/> at the reader's current token.</summary>
public delegate T JsonReadFunc<T>(ref Utf8JsonReader reader);

/// <summary>
/// A generated model that reads and writes itself without reflection. Every model the generator emits implements
/// it, so that serialization works under trimming and NativeAOT.
/// </summary>
/// <remarks>
/// Reading is a static <c>ReadJson</c> method on each model, passed as a <see cref="JsonReadFunc{T}"/> where it is
/// needed and registered with <see cref="JsonModelReader{T}"/> for the generic entry points. The contract has no
/// static abstract member: those do not run on .NET Framework, which the netstandard2.0 build serves.
/// </remarks>
/// <typeparam name="TSelf">The model type.</typeparam>
public interface IJsonModel<TSelf> where TSelf : class, IJsonModel<TSelf>
{
    /// <summary>Writes the model as a JSON object: the properties that were assigned or read, and any unknown ones.</summary>
    void WriteJson(Utf8JsonWriter writer);
}

/// <summary>A generated string enumeration: known values have names, and any other value is kept as it is.</summary>
/// <typeparam name="TSelf">The enumeration type.</typeparam>
public interface IJsonEnum<TSelf> where TSelf : struct, IJsonEnum<TSelf>
{
    /// <summary>The exact string sent on the wire.</summary>
    string Value { get; }

    /// <summary>
    /// Returns the value for a wire string, known or not. The runtime calls it on <c>default(TSelf)</c>: an
    /// implementation must not read the instance (generated enumerations implement it explicitly, next to their
    /// public static <c>FromWire</c>). On a struct the call is direct, as a static call would be.
    /// </summary>
    TSelf FromWire(string value);

    /// <summary>
    /// The wire strings of the values the spec lists. The runtime asks once per type, on <c>default(TSelf)</c>, and
    /// then reads those values as these strings rather than as new copies.
    /// </summary>
    IReadOnlyList<string> WireValues { get; }
}

/// <summary>Where the generic entry points (<see cref="JsonModel.Read{T}(string)"/>, <see cref="JsonModelConverter{T}"/>) find a model's reader.</summary>
/// <typeparam name="T">The model type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonModelReader<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.NonPublicConstructors)] T> where T : class, IJsonModel<T>
{
    private static JsonReadFunc<T>? s_read;

    /// <summary>Records the model's reader; every generated model calls it from a static field initializer.</summary>
    public static JsonReadFunc<T> Register(JsonReadFunc<T> read) => s_read = read;

    /// <summary>The model's reader.</summary>
    public static JsonReadFunc<T> Read => s_read ?? Initialize();

    [UnconditionalSuppressMessage("Trimming", "IL2059", Justification = "T keeps its non-public constructors, the type initializer among them.")]
    private static JsonReadFunc<T> Initialize()
    {
        // The registration is a static field initializer of T: running T's type initializer performs it.
        RuntimeHelpers.RunClassConstructor(typeof(T).TypeHandle);
        return s_read ?? throw new InvalidOperationException(
            $"{typeof(T).Name} did not register a JSON reader: it is not a model that Telnyx.Sip.Generator emitted.");
    }
}

/// <summary>Lets <see cref="JsonSerializer"/> handle a generated model by calling its own code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class JsonModelConverter<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.NonPublicConstructors)] T> : JsonConverter<T> where T : class, IJsonModel<T>
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => JsonModelReader<T>.Read(ref reader);

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
