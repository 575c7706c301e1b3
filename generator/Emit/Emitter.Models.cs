using System.Collections.Generic;
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

    /// <summary>
    /// A JSON model: fields, one-line properties and the two member switches. What is the same for every model (the
    /// set/unset bookkeeping, the member lookup, the read loop with its lenient recovery, writing, <c>ToString</c>) lives
    /// in the runtime's <c>GeneratedModel</c>, driven by the <c>GeneratedModelInfo</c> table emitted here.
    /// </summary>
    private static void EmitJsonModel(SourceWriter w, ModelSpec model)
    {
        string name = model.Name;
        bool hasRequired = model.Properties.Any(p => p.IsRequired);
        WriteDoc(w, model.Doc, $"The {name} object.");
        w.Line($"[global::System.Text.Json.Serialization.JsonConverter(typeof({Runtime}.JsonModelConverter<{name}>))]");
        w.Line(GeneratedCode);
        w.Open($"public sealed partial class {name} : {Runtime}.GeneratedModel, {Runtime}.IJsonModel<{name}>");

        var indexes = model.Properties.Select((p, i) => (Property: p, Index: i)).ToList();
        string? required = IndexList(indexes.Where(p => !p.Property.IsNullable).Select(p => p.Index));
        string? secret = IndexList(indexes.Where(p => p.Property.IsSecret).Select(p => p.Index));
        w.Line($"private static readonly {Runtime}.GeneratedModelInfo s_info = new(");
        w.Indent();
        w.Line($"{Literal(name)},");
        w.Line(StringList(model.Properties.Select(p => p.WireName)) + ",");
        w.Line(StringList(model.Properties.Select(p => p.Name)) + (required is null && secret is null ? ");" : ","));
        if (required is not null)
        {
            w.Line($"required: {required}" + (secret is null ? ");" : ","));
        }

        if (secret is not null)
        {
            w.Line($"secret: {secret});");
        }

        w.Outdent();
        EmitReaderRegistration(w, name);
        w.Line();
        foreach (PropertySpec property in model.Properties)
        {
            w.Line($"private {FieldType(property)} {FieldName(property)};");
        }

        if (model.Properties.Count > 0)
        {
            w.Line();
        }

        w.Doc("summary", model.IsRequest
            ? "Creates an instance with no property set. Only the properties you set are sent."
            : "Creates an instance with no property set. The client creates instances when it reads responses; this is for tests and stored data.");
        w.Line($"public {name}()");
        w.Line("{");
        w.Line("}");
        if (hasRequired)
        {
            w.Line();
            w.Line("// Used when reading: a response that lacks a required member is still read (reading that property throws).");
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
            DocSpec doc = property.AcceptsNull && model.IsRequest
                ? property.Doc with { Remarks = property.Doc.Remarks.Concat(new[] { "Assigning null sends `null`; `Unset` leaves the property out." }).ToEquatableArray() }
                : property.Doc;
            WriteDoc(w, doc, $"The `{property.WireName}` member.");
            w.Line($"public {(property.IsRequired ? "required " : "")}{PropertyType(property.Type, property.IsNullable)} {property.Name}");
            w.Line("{");
            w.Line($"    get => {Getter(property, i)};");
            w.Line($"    set => {Setter(property, i)};");
            w.Line("}");
        }

        w.Line();
        w.RawDoc($"<summary>Reads the model from the JSON object at the reader's position. A member that does not fit its type does not fail the read; see <see cref=\"{Runtime}.GeneratedModel\"/>.</summary>");
        w.Line($"public static {name} ReadJson(ref {Reader} reader) => ReadObject(ref reader, new {name}({(hasRequired ? "fromJson: true" : "")}));");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"protected override {Runtime}.GeneratedModelInfo ModelInfo => s_info;");

        w.Line();
        w.Line("/// <inheritdoc />");
        w.Open($"protected override void ReadMember(int index, ref {Reader} reader)");
        EmitMemberSwitch(w, model, (property, i) => $"{FieldName(property)} = {MemberRead(property, i)};");
        w.Close();

        w.Line();
        w.Line("/// <inheritdoc />");
        w.Open($"protected override void WriteMember(int index, {Writer} writer)");
        EmitMemberSwitch(w, model, (property, _) => WriteStatement(StoredType(property), true, FieldName(property), "writer"));
        w.Close();
        w.Close();
    }

    private static void EmitMemberSwitch(SourceWriter w, ModelSpec model, System.Func<PropertySpec, int, string> statement)
    {
        if (model.Properties.Count == 0)
        {
            return;
        }

        w.Open("switch (index)");
        for (int i = 0; i < model.Properties.Count; i++)
        {
            w.Line($"case {i.ToString(CultureInfo.InvariantCulture)}: {statement(model.Properties[i], i)} break;");
        }

        w.Close();
    }

    /// <summary>Models, and lists and maps of models, are read through the base so that a problem inside one knows its place.</summary>
    private static string MemberRead(PropertySpec property, int index)
    {
        TypeRef type = property.Type;
        string i = index.ToString(CultureInfo.InvariantCulture);
        return type.Kind switch
        {
            TypeKind.Model => $"ReadChild<{type.Name}>(ref reader, {i}, {type.Name}.ReadJson)",
            TypeKind.List when type.Element!.Kind == TypeKind.Model => $"ReadChildren<{type.Element.Name}>(ref reader, {i}, {type.Element.Name}.ReadJson)",
            TypeKind.Map when type.Element!.Kind == TypeKind.Model => $"ReadChildMap<{type.Element.Name}>(ref reader, {i}, {type.Element.Name}.ReadJson)",
            TypeKind.Enum => $"{Runtime}.JsonRead.EnumWire<{type.Name}>(ref reader)",
            _ => ReadExpression(StoredType(property), true, "reader"),
        };
    }

    private static string Getter(PropertySpec property, int index)
    {
        string i = index.ToString(CultureInfo.InvariantCulture);
        string field = FieldName(property);
        if (property.Type.Kind == TypeKind.Enum)
        {
            return property.IsNullable
                ? $"EnumOrNull<{property.Type.Name}>(GetOptional({i}, {field}))"
                : $"{property.Type.Name}.FromWire(GetRequired({i}, {field}))";
        }

        return property.IsNullable ? $"GetOptional({i}, {field})"
            : property.Type.IsValueType ? $"GetRequiredValue({i}, {field})"
            : $"GetRequired({i}, {field})";
    }

    private static string Setter(PropertySpec property, int index)
    {
        string value = property.Type.Kind == TypeKind.Enum ? property.IsNullable ? "value?.Value" : "value.Value" : "value";
        return $"{(property.AcceptsNull ? "SetNullable" : "SetOptional")}({index.ToString(CultureInfo.InvariantCulture)}, ref {FieldName(property)}, {value})";
    }

    private static string StringList(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? "global::System.Array.Empty<string>()" : "new[] { " + string.Join(", ", list.Select(Literal)) + " }";
    }

    private static string? IndexList(IEnumerable<int> indexes)
    {
        var list = indexes.ToList();
        return list.Count == 0 ? null : "new[] { " + string.Join(", ", list.Select(i => i.ToString(CultureInfo.InvariantCulture))) + " }";
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

    /// <summary>
    /// Registers the model's <c>ReadJson</c> for the runtime's generic entry points (<c>JsonModel.Read&lt;T&gt;</c>, the
    /// System.Text.Json converter). A static field initializer rather than a static abstract interface member, which
    /// .NET Framework cannot run; the type stays <c>beforefieldinit</c>, so reading costs no initialization check.
    /// </summary>
    private static void EmitReaderRegistration(SourceWriter w, string name)
    {
        w.Line($"private static readonly {Runtime}.JsonReadFunc<{name}> s_read = {Runtime}.JsonModelReader<{name}>.Register(ReadJson);");
    }
}
