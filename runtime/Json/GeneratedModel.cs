using System;
using System.Buffers;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// The base of every generated JSON model. It keeps track of which properties are set, reads and writes the JSON,
/// and keeps what a response sent that does not fit the spec.
/// </summary>
/// <remarks>
/// <para><b>Set and unset.</b> Only set properties are written. Assigning a value sets a property. Assigning null sets
/// it to null (written as <c>null</c>) when the spec allows null for it; otherwise null means "not set" and the property
/// is left out. <see cref="IsSet"/> and <see cref="Unset"/> ask and undo.</para>
/// <para><b>Lenient, lossless reading.</b> A member whose value does not fit its type (a number where a boolean is
/// declared, a null inside a list of strings) does not fail the response: every other property reads normally, the
/// value is kept as received and written back unchanged, and only reading that property throws a
/// <see cref="ApiSerializationException"/> with the JSON path and the raw value. A required member that is absent
/// or null is treated the same way. <see cref="Validate"/> checks everything at once.</para>
/// </remarks>
public abstract class GeneratedModel
{
    [ThreadStatic] private static bool t_redact;

    private static readonly JsonWriterOptions TextOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Two fields per model, as few as a page of 250 can afford: the set bits of the first 64 members, and everything
    // rarer (more members, unknown members, problems found when reading) behind one reference.
    private ulong _set;
    private Extra? _extra;

    /// <summary>Creates a model with no property set.</summary>
    protected GeneratedModel()
    {
    }

    /// <summary>The names and traits of the model's members.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected abstract GeneratedModelInfo ModelInfo { get; }

    /// <summary>
    /// Members the spec does not describe, kept as they were read so that they survive a read-modify-write. Entries
    /// added here are written too.
    /// </summary>
    public IDictionary<string, JsonElement> AdditionalProperties =>
        (_extra ??= new Extra()).Additional ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);

    /// <summary>
    /// Whether a property is set: assigned in code (null included, where the spec allows null) or present in the JSON
    /// the model was read from. Only set properties are sent.
    /// </summary>
    /// <param name="propertyName">The C# property name (<c>nameof(model.Active)</c>) or the JSON member name.</param>
    /// <exception cref="ArgumentException">The model has no such property.</exception>
    public bool IsSet(string propertyName) => IsMarked(IndexOrThrow(propertyName));

    /// <summary>Unsets a property: it reads as null and is not sent, as if it had never been assigned or read.</summary>
    /// <param name="propertyName">The C# property name (<c>nameof(model.Active)</c>) or the JSON member name.</param>
    /// <exception cref="ArgumentException">The model has no such property.</exception>
    public void Unset(string propertyName)
    {
        int index = IndexOrThrow(propertyName);
        var reader = new Utf8JsonReader("null"u8);
        reader.Read();
        ReadMember(index, ref reader);
        _extra?.Issues?.Forget(index);
        Clear(index);
    }

    /// <summary>
    /// Checks that everything read into this model, and into the models inside it, fits the spec: throws for the first
    /// member that does not (a value of the wrong type, a required member absent or null). Reading is lenient by default;
    /// call this where you want to fail fast.
    /// </summary>
    /// <exception cref="ApiSerializationException">A member does not fit; <c>Path</c> and <c>RawValue</c> say which and what.</exception>
    public void Validate()
    {
        if (FirstError() is { } error)
        {
            throw error;
        }
    }

    /// <summary>Writes the model as a JSON object: the set properties, then the members the spec does not describe.</summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        GeneratedModelInfo info = ModelInfo;
        ReadIssues? issues = _extra?.Issues;
        if (issues?.Whole is { } whole)
        {
            whole.WriteTo(writer);
            return;
        }

        bool redact = t_redact;
        writer.WriteStartObject();
        if (issues is null && !redact && _extra?.SetMore is null)
        {
            // The common case: walk the set bits only.
            for (ulong bits = _set; bits != 0; bits &= bits - 1)
            {
                int i = BitOperations.TrailingZeroCount(bits);
                writer.WritePropertyName(info.EncodedName(i));
                WriteMember(i, writer);
            }
        }
        else
        {
            for (int i = 0; i < info.Count; i++)
            {
                if (!IsMarked(i))
                {
                    continue;
                }

                writer.WritePropertyName(info.EncodedName(i));
                if (redact && info.IsSecret(i))
                {
                    writer.WriteStringValue("***");
                }
                else
                {
                    WriteValue(i, writer, issues);
                }
            }
        }

        JsonWrite.AdditionalProperties(writer, _extra?.Additional);
        writer.WriteEndObject();
    }

    /// <summary>Lists the set properties and their values as JSON; secrets such as passwords are shown as <c>***</c>.</summary>
    public override string ToString()
    {
        GeneratedModelInfo info = ModelInfo;
        if (_extra?.Issues?.Whole is { } whole)
        {
            return info.TypeName + " " + whole.GetRawText();
        }

        var text = new StringBuilder(info.TypeName).Append(" {");
        var buffer = new ArrayBufferWriter<byte>(64);
        bool any = false;
        bool outer = t_redact;
        t_redact = true;
        try
        {
            for (int i = 0; i < info.Count; i++)
            {
                if (!IsMarked(i))
                {
                    continue;
                }

                text.Append(any ? ", " : " ").Append(info.PropertyNames[i]).Append(" = ");
                any = true;
                if (info.IsSecret(i))
                {
                    text.Append("***");
                    continue;
                }

                buffer.ResetWrittenCount();
                using (var writer = new Utf8JsonWriter(buffer, TextOptions))
                {
                    WriteValue(i, writer, _extra?.Issues);
                }

                text.Append(Encoding.UTF8.GetString(buffer.WrittenSpan));
            }

            if (_extra?.Additional is { } additional)
            {
                foreach (KeyValuePair<string, JsonElement> pair in additional)
                {
                    text.Append(any ? ", " : " ").Append('"').Append(pair.Key).Append("\" = ").Append(pair.Value.ValueKind == JsonValueKind.Undefined ? "undefined" : pair.Value.GetRawText());
                    any = true;
                }
            }
        }
        finally
        {
            t_redact = outer;
        }

        return text.Append(any ? " }" : "}").ToString();
    }

    /// <summary>Writes a set member's value: as it was received when it did not fit, else from its field.</summary>
    private void WriteValue(int index, Utf8JsonWriter writer, ReadIssues? issues)
    {
        if (issues?.Invalid(index) is { } raw)
        {
            raw.WriteTo(writer);
        }
        else
        {
            WriteMember(index, writer);
        }
    }

    /// <summary>Reads the member at <paramref name="index"/> into its field; the reader is on the member's value.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected abstract void ReadMember(int index, ref Utf8JsonReader reader);

    /// <summary>Writes the value of the member at <paramref name="index"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected abstract void WriteMember(int index, Utf8JsonWriter writer);

    /// <summary>Reads <paramref name="model"/> from the JSON object at the reader's position.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static T ReadObject<T>(ref Utf8JsonReader reader, T model) where T : GeneratedModel
    {
        GeneratedModelInfo info = model.ModelInfo;
        JsonRead.Start(ref reader);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            // Not an object at all (a list item that is null or a number): kept whole, so that a page still reads.
            ApiSerializationException error = JsonRead.Mismatch(ref reader, "an object (" + info.TypeName + ")");
            model.Issues.SetWhole(JsonElement.ParseValue(ref reader), error.Reason);
            return model;
        }

        // The loop runs without an exception handler around each member (which would keep its locals out of
        // registers): a primitive member that does not fit throws out of it, is recorded here, and reading goes on.
        var cursor = new Cursor { Member = -1 };
        for (; ; )
        {
            try
            {
                ReadMembers(ref reader, model, info, ref cursor);
                break;
            }
            catch (ApiSerializationException error) when (cursor.Member >= 0)
            {
                // The reader is still on the value that did not fit.
                model.Issues.AddInvalid(cursor.Member, JsonElement.ParseValue(ref reader), error);
                cursor.Member = -1;
            }
        }

        if ((info.RequiredLow & ~model._set) != 0 || info.HasRequiredHigh)
        {
            for (int i = 0; i < info.Count; i++)
            {
                if (info.IsRequired(i) && !model.IsMarked(i))
                {
                    model.Issues.AddMissing(i, present: false);
                }
            }
        }

        return model;
    }

    /// <summary>Where <see cref="ReadMembers"/> is: the member being read (-1 between members) and the one expected next.</summary>
    private struct Cursor
    {
        public int Member;
        public int Expected;
    }

    // Kept apart from ReadObject (which holds the exception handler) and small: what every member does is inline,
    // everything rare (unknown members, nulls, more than 64 members) is a call.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ReadMembers(ref Utf8JsonReader reader, GeneratedModel model, GeneratedModelInfo info, ref Cursor cursor)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int index = info.IndexOf(ref reader, cursor.Expected);
            if (index < 0)
            {
                ReadAdditional(ref reader, model);
                continue;
            }

            cursor.Expected = index + 1;
            reader.Read();
            if (index < 64)
            {
                model._set |= 1UL << index;
            }
            else
            {
                model.Mark(index);
            }

            JsonTokenType token = reader.TokenType;
            if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                ReadStructured(ref reader, model, index);
                continue;
            }

            if (token == JsonTokenType.Null)
            {
                NullMember(model, info, index);
            }

            cursor.Member = index;
            model.ReadMember(index, ref reader);
            cursor.Member = -1;
        }
    }

    /// <summary>A member the spec does not describe: kept as it came.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ReadAdditional(ref Utf8JsonReader reader, GeneratedModel model)
    {
        string name = reader.GetString()!;
        reader.Read();
        model.AdditionalProperties[name] = JsonElement.ParseValue(ref reader);
    }

    /// <summary>A null member: noted when the spec requires it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void NullMember(GeneratedModel model, GeneratedModelInfo info, int index)
    {
        if (info.IsRequired(index))
        {
            model.Issues.AddMissing(index, present: true);
        }
    }

    /// <summary>An object or array member; one that does not fit is kept whole, from where it started.</summary>
    private static void ReadStructured(ref Utf8JsonReader reader, GeneratedModel model, int index)
    {
        Utf8JsonReader start = reader;
        try
        {
            model.ReadMember(index, ref reader);
        }
        catch (ApiSerializationException error)
        {
            reader = start;
            model.Issues.AddInvalid(index, JsonElement.ParseValue(ref reader), error);
        }
    }

    /// <summary>Reads a model-typed member, so that a problem inside it can say where it is and <see cref="Validate"/> finds it.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected T? ReadChild<T>(ref Utf8JsonReader reader, int index, JsonReadFunc<T> read) where T : class, IJsonModel<T>
    {
        T? child = JsonRead.Model(ref reader, read);
        if (child is GeneratedModel { HasReadIssues: true } model)
        {
            Adopt(model, index);
        }

        return child;
    }

    /// <summary>Reads a member that is a list of models (see <see cref="ReadChild{T}"/>).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected List<T>? ReadChildren<T>(ref Utf8JsonReader reader, int index, JsonReadFunc<T> read) where T : class, IJsonModel<T>
    {
        List<T>? items = JsonRead.List(ref reader, read);
        for (int i = 0; items is not null && i < items.Count; i++)
        {
            if (items[i] is GeneratedModel { HasReadIssues: true } model)
            {
                Adopt(model, index);
            }
        }

        return items;
    }

    /// <summary>Reads a member that is a map of models (see <see cref="ReadChild{T}"/>).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected Dictionary<string, T>? ReadChildMap<T>(ref Utf8JsonReader reader, int index, JsonReadFunc<T> read) where T : class, IJsonModel<T>
    {
        Dictionary<string, T>? map = JsonRead.Map(ref reader, read);
        foreach (T value in map?.Values ?? (IEnumerable<T>)[])
        {
            if (value is GeneratedModel { HasReadIssues: true } model)
            {
                Adopt(model, index);
            }
        }

        return map;
    }

    private void Adopt(GeneratedModel child, int index)
    {
        ReadIssues issues = child.Issues;
        issues.Parent = this;
        issues.ParentMember = index;
        Issues.AddChild(index, child);
    }

    /// <summary>The value of an optional property; throws when the value read for it did not fit.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected T GetOptional<T>(int index, T value)
    {
        if (_extra?.Issues is { } issues && issues.Invalid(index) is not null)
        {
            throw issues.Error(this, index);
        }

        return value;
    }

    /// <summary>The value of a property the spec requires; throws when it is absent, null or did not fit.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected T GetRequired<T>(int index, T? value) where T : class
    {
        if (value is null || (_extra?.Issues is { } issues && issues.Invalid(index) is not null))
        {
            throw RequiredError(index);
        }

        return value;
    }

    /// <summary>The value of a value-typed property the spec requires; throws when it is absent, null or did not fit.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected T GetRequiredValue<T>(int index, T? value) where T : struct
    {
        if (value is not { } result || (_extra?.Issues is { } issues && issues.Invalid(index) is not null))
        {
            throw RequiredError(index);
        }

        return result;
    }

    /// <summary>Sets a property that may be null: an assigned null is sent as <c>null</c>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected void SetNullable<T>(int index, ref T field, T value)
    {
        field = value;
        _extra?.Issues?.Forget(index);
        Mark(index);
    }

    /// <summary>Sets a property that may not be null: assigning null unsets it, so that it is not sent.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected void SetOptional<T>(int index, ref T field, T value)
    {
        field = value;
        _extra?.Issues?.Forget(index);
        if (value is null)
        {
            Clear(index);
        }
        else
        {
            Mark(index);
        }
    }

    /// <summary>An enumeration value from its wire string, or null.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static TEnum? EnumOrNull<TEnum>(string? wire) where TEnum : struct, IJsonEnum<TEnum> =>
        wire is null ? null : default(TEnum).FromWire(wire);

    internal bool HasReadIssues => _extra?.Issues is not null;

    /// <summary>Says where this model is when it was read at the top level: <c>$.data</c>, <c>$.data[3]</c>.</summary>
    internal void Locate(string? root, string? index)
    {
        ReadIssues issues = Issues;
        if (root is not null)
        {
            issues.Root = root;
        }

        if (index is not null)
        {
            issues.Index = index;
        }
    }

    private ReadIssues Issues => (_extra ??= new Extra()).Issues ??= new ReadIssues();

    private int IndexOrThrow(string propertyName)
    {
        int index = ModelInfo.IndexOfName(propertyName ?? throw new ArgumentNullException(nameof(propertyName)));
        return index >= 0 ? index : throw new ArgumentException($"{ModelInfo.TypeName} has no property '{propertyName}'.", nameof(propertyName));
    }

    private bool IsMarked(int index) => index < 64
        ? (_set & (1UL << index)) != 0
        : _extra?.SetMore is { } more && (more[(index >> 6) - 1] & (1UL << index)) != 0;

    private void Mark(int index)
    {
        if (index < 64)
        {
            _set |= 1UL << index;
        }
        else
        {
            ((_extra ??= new Extra()).SetMore ??= new ulong[(ModelInfo.Count - 1) >> 6])[(index >> 6) - 1] |= 1UL << index;
        }
    }

    private void Clear(int index)
    {
        if (index < 64)
        {
            _set &= ~(1UL << index);
        }
        else if (_extra?.SetMore is { } more)
        {
            more[(index >> 6) - 1] &= ~(1UL << index);
        }
    }

    private string Location() => _extra?.Issues switch
    {
        { Parent: { } parent } issues => parent.Location() + "." + parent.ModelInfo.WireNames[issues.ParentMember] + issues.Index,
        { } issues => issues.Root + issues.Index,
        null => "$",
    };

    private ApiSerializationException RequiredError(int index)
    {
        if (_extra?.Issues is { } issues && issues.Has(index))
        {
            return issues.Error(this, index);
        }

        // Absent from a model built in code, or unset.
        GeneratedModelInfo info = ModelInfo;
        return new ApiSerializationException(
            $"{info.TypeName}.{info.PropertyNames[index]} is required but not set", Location() + "." + info.WireNames[index]);
    }

    private ApiSerializationException? FirstError()
    {
        if (_extra?.Issues is not { } issues)
        {
            return null;
        }

        if (issues.Whole is not null)
        {
            return issues.Error(this, -1);
        }

        for (int i = 0; i < ModelInfo.Count; i++)
        {
            if (issues.Has(i))
            {
                return issues.Error(this, i);
            }
        }

        foreach (GeneratedModel child in issues.Children)
        {
            if (child.FirstError() is { } error)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>What reading found wrong in a model, and where the model is; only models with a problem have one.</summary>
    private sealed class ReadIssues
    {
        private readonly Dictionary<int, Issue> _members = new();
        private List<(int Member, GeneratedModel Model)>? _children;

        public GeneratedModel? Parent { get; set; }

        public int ParentMember { get; set; }

        public string Root { get; set; } = "$";

        public string? Index { get; set; }

        public IEnumerable<GeneratedModel> Children
        {
            get
            {
                foreach (var child in _children ?? [])
                {
                    yield return child.Model;
                }
            }
        }

        /// <summary>The value as received when it was not an object at all; every property then throws.</summary>
        public JsonElement? Whole { get; private set; }

        private string? WholeReason { get; set; }

        public void SetWhole(JsonElement raw, string reason)
        {
            Whole = raw;
            WholeReason = reason;
        }

        public bool Has(int index) => Whole is not null || _members.ContainsKey(index);

        public JsonElement? Invalid(int index) => Whole ?? (_members.TryGetValue(index, out Issue issue) ? issue.Raw : null);

        public void AddInvalid(int index, JsonElement raw, ApiSerializationException error)
        {
            _children?.RemoveAll(c => c.Member == index);
            _members[index] = new Issue(error.Reason, error.Path.Substring(1), raw);
        }

        public void AddMissing(int index, bool present) =>
            _members[index] = new Issue(present ? "is required but the response has null" : "is required but the response does not have it", "", null);

        public void AddChild(int member, GeneratedModel child) => (_children ??= []).Add((member, child));

        public void Forget(int index)
        {
            _members.Remove(index);
            _children?.RemoveAll(c => c.Member == index);
        }

        public ApiSerializationException Error(GeneratedModel model, int index)
        {
            GeneratedModelInfo info = model.ModelInfo;
            if (Whole is { } whole)
            {
                string wholeText = whole.GetRawText();
                return new ApiSerializationException(
                    $"{info.TypeName} could not be read: {WholeReason}; the value {Shorten(wholeText)} is kept as received", model.Location())
                {
                    RawValue = wholeText,
                };
            }

            Issue issue = _members[index];
            string property = info.TypeName + "." + info.PropertyNames[index];
            string path = model.Location() + "." + info.WireNames[index] + issue.InnerPath;
            if (issue.Raw is not { } raw)
            {
                return new ApiSerializationException($"{property} {issue.Reason}", path);
            }

            string text = raw.GetRawText();
            string shown = info.IsSecret(index) ? "***" : Shorten(text);
            return new ApiSerializationException(
                FormattableString.Invariant($"{property} could not be read: {issue.Reason}; the value {shown} is kept as received"), path)
            {
                RawValue = text,
            };
        }
    }

    private sealed class Extra
    {
        public ulong[]? SetMore;
        public ReadIssues? Issues;
        public Dictionary<string, JsonElement>? Additional;
    }

    private static string Shorten(string text) => text.Length > 200 ? text.Substring(0, 200) + "…" : text;

    /// <summary>A member that did not fit: why, where below the member, and the value as received (null when absent).</summary>
    private readonly record struct Issue(string Reason, string InnerPath, JsonElement? Raw);
}
