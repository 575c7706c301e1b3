using System.Collections.Generic;
using System.Linq;
using Telnyx.Sip.Generator.Model;

namespace Telnyx.Sip.Generator.Emit;

internal static partial class Emitter
{
    private const string Element = "global::System.Text.Json.JsonElement";

    /// <summary>
    /// A oneOf/anyOf: a class that holds the JSON it was read from, or a value assigned in code. Callers match with
    /// <c>TryGet{Variant}</c>; any variant converts to it implicitly (or with <c>From{Variant}</c> for list and map variants).
    /// </summary>
    private static void EmitUnion(SourceWriter w, ModelSpec model)
    {
        string name = model.Name;
        // Variants of one C# type can be told apart when reading, but not when holding a value built in code.
        var distinct = model.Variants.GroupBy(v => v.Type.Name).Select(g => g.First()).ToList();
        w.Doc("summary", model.Doc.Summary ?? $"One of several types: {string.Join(", ", model.Variants.Select(v => "`" + v.Name + "`"))}.");
        w.Doc("remarks", string.Join(" ", model.Doc.Remarks.Concat(new[]
        {
            $"Holds one of: {string.Join(", ", model.Variants.Select(v => "`" + v.Name + "`"))}. Match it with the `TryGet` methods; assign a variant directly to build one.",
            model.Discriminator is not null ? $"The variant is told by the `{model.Discriminator}` member."
                : model.DiscriminatorPath.Count > 0 ? $"The variant is told by the `{string.Join(".", model.DiscriminatorPath)}` member."
                : "The variant is told by the shape of the JSON.",
        })));
        w.Line($"[global::System.Text.Json.Serialization.JsonConverter(typeof({Runtime}.JsonModelConverter<{name}>))]");
        w.Line(GeneratedCode);
        w.Open($"public sealed partial class {name} : {Runtime}.IJsonModel<{name}>");
        EmitReaderRegistration(w, name);
        w.Line();
        w.Line($"private readonly {Element} _json;");
        w.Line("private readonly object? _value;");
        w.Line();
        w.Line($"private {name}({Element} json) => _json = json;");
        w.Line();
        w.Line($"private {name}(object value) => _value = value;");
        w.Line();
        w.Doc("summary", "The JSON the value was read from; undefined for a value built in code.");
        w.Line($"public {Element} Json => _json;");
        if (model.Discriminator is { } discriminator)
        {
            w.Line();
            w.Doc("summary", $"The `{discriminator}` member of the JSON, which names the variant; null for a value built in code.");
            w.Line($"public string? Discriminator => _json.ValueKind == global::System.Text.Json.JsonValueKind.Object && _json.TryGetProperty({Literal(discriminator)}, out {Element} value) && value.ValueKind == global::System.Text.Json.JsonValueKind.String ? value.GetString() : null;");
        }

        else if (model.DiscriminatorPath.Count > 0)
        {
            w.Line();
            w.Doc("summary", $"The `{string.Join(".", model.DiscriminatorPath)}` member of the JSON, which names the variant (also for a kind the spec does not list); null for a value built in code.");
            w.Line($"public string? Discriminator => {Runtime}.UnionMatch.StringAt(_json, {string.Join(", ", model.DiscriminatorPath.Select(Literal))});");
            if (model.Variants.Any(v => v.DiscriminatorValues.Count == 0))
            {
                w.Line();
                w.Doc("summary", "Every value a variant claims: a variant without values of its own never takes JSON with one of these.");
                w.Line($"private static readonly string[] ListedDiscriminators = [{string.Join(", ", model.Variants.SelectMany(v => v.DiscriminatorValues).Select(Literal))}];");
            }
        }

        foreach (VariantSpec variant in distinct)
        {
            w.Line();
            w.Doc("summary", $"Holds a `{variant.Name}`.");
            w.Line($"public static {name} From{variant.Name}({variant.Type.Name} value) => new(value{(variant.Type.IsValueType ? "" : " ?? throw new global::System.ArgumentNullException(nameof(value))")});");
            if (variant.Type.Kind is not (TypeKind.List or TypeKind.Map or TypeKind.Json))
            {
                w.Line();
                w.Doc("summary", $"Holds a `{variant.Name}`.");
                w.Line($"public static implicit operator {name}({variant.Type.Name} value) => From{variant.Name}(value);");
            }
        }

        foreach (VariantSpec variant in model.Variants)
        {
            w.Line();
            EmitTryGet(w, model, variant);
        }

        w.Line();
        w.Doc("summary", $"Reads a {name} from the JSON value at the reader's position; the variant is decided when it is asked for.");
        w.Open($"public static {name} ReadJson(ref {Reader} reader)");
        w.Line($"{Runtime}.JsonRead.Start(ref reader);");
        w.Line($"return new {name}({Element}.ParseValue(ref reader));");
        w.Close();
        w.Line();
        w.Doc("summary", "Writes the value: the variant assigned in code, or the JSON as it was read.");
        w.Open($"public void WriteJson({Writer} writer)");
        w.Open("switch (_value)");
        foreach (VariantSpec variant in distinct)
        {
            w.Line($"case {variant.Type.Name} value:");
            w.Indent();
            w.Line(WriteStatement(variant.Type, false, "value", "writer"));
            w.Line("return;");
            w.Outdent();
        }

        w.Line("default:");
        w.Indent();
        w.Line($"{Runtime}.JsonWrite.Element(writer, _json);");
        w.Line("return;");
        w.Outdent();
        w.Close();
        w.Close();
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line("public override string ToString() => _value?.ToString() ?? (_json.ValueKind == global::System.Text.Json.JsonValueKind.Undefined ? \"\" : _json.GetRawText());");
        w.Close();
    }

    private static void EmitTryGet(SourceWriter w, ModelSpec model, VariantSpec variant)
    {
        string type = variant.Type.Name;
        bool isReference = !variant.Type.IsValueType;
        w.Doc("summary", $"Gets the value as a `{variant.Name}`, when it is one.");
        string attribute = isReference ? "[global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] " : "";
        w.Open($"public bool TryGet{variant.Name}({attribute}out {type}{(isReference ? "?" : "")} value)");
        w.Open($"if (_value is {type} held)");
        w.Line("value = held;");
        w.Line("return true;");
        w.Close();
        w.Line();
        w.Open($"if (_value is null && {MatchCondition(model, variant)})");
        w.Open("try");
        w.Line($"value = {Runtime}.UnionMatch.Read(_json, {ItemReader(variant.Type)});");
        w.Line("return true;");
        w.Close();
        w.Open($"catch ({Runtime}.ApiSerializationException)");
        w.Line("// The JSON has this variant's shape but not its content: it is not this variant.");
        w.Close();
        w.Close();
        w.Line();
        w.Line("value = default;");
        w.Line("return false;");
        w.Close();
    }

    private static string MatchCondition(ModelSpec model, VariantSpec variant)
    {
        if (model.Discriminator is { } discriminator && variant.DiscriminatorValues.Count > 0)
        {
            return $"{Runtime}.UnionMatch.Discriminator(_json, {Literal(discriminator)}, {string.Join(", ", variant.DiscriminatorValues.Select(Literal))})";
        }

        if (model.DiscriminatorPath.Count > 0)
        {
            string path = $"[{string.Join(", ", model.DiscriminatorPath.Select(Literal))}]";
            if (variant.DiscriminatorValues.Count > 0)
            {
                return $"{Runtime}.UnionMatch.DiscriminatorAt(_json, {path}, {string.Join(", ", variant.DiscriminatorValues.Select(Literal))})";
            }

            // A payload without values of its own: never JSON that another variant's value names.
            return $"!{Runtime}.UnionMatch.DiscriminatorAt(_json, {path}, ListedDiscriminators) && " +
                   $"{Runtime}.UnionMatch.ObjectWith(_json{string.Concat(variant.RequiredMembers.Select(m => ", " + Literal(m)))})";
        }

        const string Kind = "global::System.Text.Json.JsonValueKind";
        return variant.Type.Kind switch
        {
            TypeKind.Model or TypeKind.Map => $"{Runtime}.UnionMatch.ObjectWith(_json{string.Concat(variant.RequiredMembers.Select(m => ", " + Literal(m)))})",
            TypeKind.List => $"{Runtime}.UnionMatch.Kind(_json, {Kind}.Array)",
            TypeKind.String or TypeKind.Enum or TypeKind.DateTimeOffset => $"{Runtime}.UnionMatch.Kind(_json, {Kind}.String)",
            TypeKind.Int32 or TypeKind.Int64 or TypeKind.Double => $"{Runtime}.UnionMatch.Kind(_json, {Kind}.Number)",
            TypeKind.Boolean => $"{Runtime}.UnionMatch.Kind(_json, {Kind}.True)",
            _ => $"_json.ValueKind != {Kind}.Undefined",
        };
    }
}
