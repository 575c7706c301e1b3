using System.Globalization;
using System.Linq;
using Telnyx.Sip.Generator.Model;

namespace Telnyx.Sip.Generator.Emit;

internal static partial class Emitter
{
    /// <summary>
    /// What the backing field holds: an enum is kept as its wire string, which halves the field (a nullable struct
    /// wrapping a string takes 16 bytes) and makes reading and writing plain string operations.
    /// </summary>
    private static TypeRef StoredType(PropertySpec property) => property.Type.Kind == TypeKind.Enum ? TypeRef.String : property.Type;

    private static string FieldName(PropertySpec property) => "_" + char.ToLowerInvariant(property.Name[0]) + property.Name.Substring(1);

    private static string AssignedField(int index) => "_assigned" + (index / 64).ToString(CultureInfo.InvariantCulture);

    private static string AssignedBit(int index) => "0x" + (1UL << (index % 64)).ToString("X", CultureInfo.InvariantCulture) + "UL";

    private static void EmitJsonModel(SourceWriter w, ModelSpec model)
    {
        string name = model.Name;
        bool hasRequired = model.Properties.Any(p => p.IsRequired);
        WriteDoc(w, model.Doc, $"The {name} object.");
        w.Line($"[global::System.Text.Json.Serialization.JsonConverter(typeof({Runtime}.JsonModelConverter<{name}>))]");
        w.Line(GeneratedCode);
        w.Open($"public sealed partial class {name} : {Runtime}.IJsonModel<{name}>");

        // Which properties were assigned or read: only those are written, so that "not set" and "set to null" differ.
        for (int i = 0; i < (model.Properties.Count + 63) / 64; i++)
        {
            w.Line($"private ulong {AssignedField(i * 64)};");
        }

        foreach (PropertySpec property in model.Properties)
        {
            w.Line($"private {FieldType(property)} {FieldName(property)};");
        }

        w.Line($"private global::System.Collections.Generic.Dictionary<string, global::System.Text.Json.JsonElement>? _additionalProperties;");
        w.Line();
        w.Doc("summary", "Creates an instance with no property assigned. Only the properties you assign are sent.");
        w.Line($"public {name}()");
        w.Line("{");
        w.Line("}");
        if (hasRequired)
        {
            w.Line();
            w.Line("// Used when reading: a response may lack a required member, and that is not worth an exception.");
            w.Line("#pragma warning disable CS8618");
            w.Line("[global::System.Diagnostics.CodeAnalysis.SetsRequiredMembers]");
            w.Line($"private {name}(bool fromJson)");
            w.Line("{");
            w.Line("}");
            w.Line("#pragma warning restore CS8618");
        }

        for (int i = 0; i < model.Properties.Count; i++)
        {
            PropertySpec property = model.Properties[i];
            w.Line();
            WriteDoc(w, property.Doc, $"The `{property.WireName}` member.");
            string type = PropertyType(property.Type, property.IsNullable);
            string required = property.IsRequired ? "required " : "";
            string field = FieldName(property);
            bool isEnum = property.Type.Kind == TypeKind.Enum;
            string get = isEnum
                ? property.IsNullable ? $"{field} is null ? ({property.Type.Name}?)null : new {property.Type.Name}({field})" : $"new {property.Type.Name}({field} ?? \"\")"
                : property.IsNullable || property.Type.IsValueType ? field : field + "!";
            w.Open($"public {required}{type} {property.Name}");
            w.Line($"get => {get};");
            w.Open("set");
            w.Line(isEnum ? $"{field} = value{(property.IsNullable ? "?" : "")}.Value;" : $"{field} = value;");
            w.Line($"{AssignedField(i)} |= {AssignedBit(i)};");
            w.Close();
            w.Close();
        }

        w.Line();
        w.Doc("summary", "Members the spec does not describe, kept as they were read so that they survive a read-modify-write.");
        w.Line("public global::System.Collections.Generic.IDictionary<string, global::System.Text.Json.JsonElement> AdditionalProperties =>");
        w.Line("    _additionalProperties ??= new global::System.Collections.Generic.Dictionary<string, global::System.Text.Json.JsonElement>(global::System.StringComparer.Ordinal);");

        // Reading.
        w.Line();
        w.Doc("summary", $"Reads a {name} from the JSON object at the reader's position. Unknown members are kept in AdditionalProperties.");
        w.Open($"public static {name} ReadJson(ref {Reader} reader)");
        w.Line($"{Runtime}.JsonRead.ExpectObject(ref reader, {Literal(name)});");
        w.Line(hasRequired ? $"var result = new {name}(fromJson: true);" : $"var result = new {name}();");
        w.Line("string member = \"\";");
        w.Open("try");
        w.Open("while (reader.Read() && reader.TokenType == global::System.Text.Json.JsonTokenType.PropertyName)");
        w.Open(model.Properties.Count == 0 ? "switch (-1)" : "switch (MemberIndex(ref reader))");
        for (int i = 0; i < model.Properties.Count; i++)
        {
            PropertySpec property = model.Properties[i];
            w.Line($"case {i.ToString(CultureInfo.InvariantCulture)}:");
            w.Indent();
            w.Line($"member = {Literal(property.WireName)};");
            w.Line("reader.Read();");
            w.Line($"result.{FieldName(property)} = {ReadExpression(StoredType(property), property.IsNullable || !property.Type.IsValueType, "reader")};");
            w.Line($"result.{AssignedField(i)} |= {AssignedBit(i)};");
            w.Line("break;");
            w.Outdent();
        }

        w.Line("default:");
        w.Indent();
        w.Line("member = reader.GetString()!;");
        w.Line("reader.Read();");
        w.Line("result.AdditionalProperties[member] = global::System.Text.Json.JsonElement.ParseValue(ref reader);");
        w.Line("break;");
        w.Outdent();
        w.Close();
        w.Close();
        w.Close();
        w.Open($"catch ({Sip}.TelnyxSerializationException error)");
        w.Line("throw error.Under(\".\" + member);");
        w.Close();
        w.Open("catch (global::System.Text.Json.JsonException error)");
        w.Line($"throw {Runtime}.JsonRead.Malformed(error).Under(\".\" + member);");
        w.Close();
        w.Line();
        w.Line("return result;");
        w.Close();
        if (model.Properties.Count > 0)
        {
            EmitMemberIndex(w, model);
        }

        // Writing.
        w.Line();
        w.Doc("summary", "Writes the properties that were assigned or read, then the unknown members.");
        w.Open($"public void WriteJson({Writer} writer)");
        w.Line("writer.WriteStartObject();");
        for (int i = 0; i < model.Properties.Count; i++)
        {
            PropertySpec property = model.Properties[i];
            w.Open($"if (({AssignedField(i)} & {AssignedBit(i)}) != 0)");
            w.Line($"writer.WritePropertyName({Utf8(property.WireName)});");
            w.Line(WriteStatement(StoredType(property), property.IsNullable || !property.Type.IsValueType, FieldName(property), "writer"));
            w.Close();
            w.Line();
        }

        w.Line($"{Runtime}.JsonWrite.AdditionalProperties(writer, _additionalProperties);");
        w.Line("writer.WriteEndObject();");
        w.Close();

        // ToString.
        w.Line();
        w.Doc("summary", "Lists the assigned properties; secrets such as passwords are shown as `***`.");
        w.Open("public override string ToString()");
        w.Line($"var text = new {Runtime}.ModelText({Literal(name)});");
        for (int i = 0; i < model.Properties.Count; i++)
        {
            PropertySpec property = model.Properties[i];
            string call = property.IsSecret ? $"text.AddSecret({Literal(property.Name)})" : $"text.Add({Literal(property.Name)}, {FieldName(property)})";
            w.Open($"if (({AssignedField(i)} & {AssignedBit(i)}) != 0)");
            w.Line(call + ";");
            w.Close();
            w.Line();
        }

        w.Line("return text.ToString(_additionalProperties);");
        w.Close();
        w.Close();
    }

    /// <summary>
    /// Maps the property name at the reader to the index of the property, or -1. Names are grouped by their length in
    /// UTF-8 first, so that a name is compared with the few of the same length only.
    /// </summary>
    private static void EmitMemberIndex(SourceWriter w, ModelSpec model)
    {
        w.Line();
        w.Open($"private static int MemberIndex(ref {Reader} reader)");
        w.Open("if (!reader.HasValueSequence && !reader.ValueIsEscaped)");
        w.Line("global::System.ReadOnlySpan<byte> name = reader.ValueSpan;");
        w.Open("switch (name.Length)");
        foreach (var group in model.Properties.Select((p, i) => (Property: p, Index: i))
                     .GroupBy(p => System.Text.Encoding.UTF8.GetByteCount(p.Property.WireName)).OrderBy(g => g.Key))
        {
            w.Line($"case {group.Key.ToString(CultureInfo.InvariantCulture)}:");
            w.Indent();
            foreach (var (property, index) in group)
            {
                w.Line($"if (global::System.MemoryExtensions.SequenceEqual(name, {Utf8(property.WireName)})) return {index.ToString(CultureInfo.InvariantCulture)};");
            }

            w.Line("break;");
            w.Outdent();
        }

        w.Close();
        w.Line();
        w.Line("return -1;");
        w.Close();
        w.Line();
        w.Line("// A name with escapes, or split across buffers: compare its unescaped text.");
        for (int i = 0; i < model.Properties.Count; i++)
        {
            w.Line($"if (reader.ValueTextEquals({Utf8(model.Properties[i].WireName)})) return {i.ToString(CultureInfo.InvariantCulture)};");
        }

        w.Line();
        w.Line("return -1;");
        w.Close();
    }

    private static void EmitQueryModel(SourceWriter w, ModelSpec model)
    {
        string name = model.Name;
        WriteDoc(w, model.Doc, $"The {name} query parameters.");
        w.Line(GeneratedCode);
        w.Open($"public sealed partial class {name}");
        if (model.ScalarValue is { } scalar)
        {
            w.Doc("summary", "A plain value, sent as the parameter itself rather than as one of its operators.");
            w.Line($"public {PropertyType(scalar, true)} Value {{ get; set; }}");
            w.Line();
            if (scalar.Kind != TypeKind.List)
            {
                // C# allows no conversion from an interface such as IList<T>.
                w.Doc("summary", "Uses a plain value.");
                w.Line($"public static implicit operator {name}({scalar.Name} value) => new() {{ Value = value }};");
                w.Line();
            }
        }

        foreach (PropertySpec property in model.Properties)
        {
            WriteDoc(w, property.Doc, $"The `{property.WireName}` parameter.");
            w.Line($"public {PropertyType(property.Type, true)} {property.Name} {{ get; set; }}");
            w.Line();
        }

        w.Doc("summary", "Adds the assigned parameters to the query string, under the prefix when there is one.");
        w.Open($"internal void AppendQuery({Runtime}.QueryBuilder query, string? prefix = null)");
        if (model.ScalarValue is { } value)
        {
            w.Line(value.Kind == TypeKind.List
                ? $"query.AddEach(prefix ?? \"\", Value is null ? null : global::System.Linq.Enumerable.Select(Value, static item => {QueryText(value.Element!, "item")}));"
                : $"query.Add(prefix ?? \"\", {QueryValue(value, "Value")});");
        }

        foreach (PropertySpec property in model.Properties)
        {
            string key = $"prefix is null ? {Literal(property.WireName)} : prefix + {Literal("[" + property.WireName + "]")}";
            switch (property.Type.Kind)
            {
                case TypeKind.Model:
                    w.Line($"{property.Name}?.AppendQuery(query, {key});");
                    break;
                case TypeKind.List:
                    w.Line($"query.AddEach({key}, {property.Name} is null ? null : global::System.Linq.Enumerable.Select({property.Name}, static item => {QueryText(property.Type.Element!, "item")}));");
                    break;
                default:
                    w.Line($"query.Add({key}, {QueryValue(property.Type, property.Name)});");
                    break;
            }
        }

        w.Close();
        w.Close();
    }

    private static string QueryValue(TypeRef type, string value) => type.Kind switch
    {
        TypeKind.Enum => $"{value}?.Value",
        _ => value,
    };

    private static string QueryText(TypeRef type, string value) => type.Kind switch
    {
        TypeKind.String => value,
        TypeKind.Enum => value + ".Value",
        TypeKind.Boolean => $"{value} ? \"true\" : \"false\"",
        _ => $"global::System.Convert.ToString({value}, global::System.Globalization.CultureInfo.InvariantCulture)!",
    };
}
