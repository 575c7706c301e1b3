using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Telnyx.Sip.Generator.Reading;

namespace Telnyx.Sip.Generator.Model;

/// <summary>Schemas to C# types: which kind of type a schema becomes, and what nullability and request use mean for it.</summary>
internal sealed partial class ApiModelBuilder
{
    /// <summary>Marks every schema reachable from a request body, whose required fields become C# required members.</summary>
    private void MarkRequestSchemas(List<RawOperation> operations)
    {
        var pending = new Stack<SpecNode>();
        foreach (RawOperation operation in operations)
        {
            SpecNode? requestBody = Deref(SpecDocument.Get(operation.Node, "requestBody"));
            if (Deref(SpecDocument.Get(JsonMedia(SpecDocument.Get(requestBody, "content")), "schema")) is { } schema)
            {
                pending.Push(schema);
            }
        }

        while (pending.Count > 0)
        {
            SpecNode schema = pending.Pop();
            if (!_requestSchemas.Add(schema))
            {
                continue;
            }

            foreach (var property in SpecDocument.Members(SpecDocument.Get(schema, "properties")))
            {
                PushSchema(property.Value);
            }

            PushSchema(SpecDocument.Get(schema, "items"));
            PushSchema(SpecDocument.Get(schema, "additionalProperties"));
            foreach (string keyword in new[] { "allOf", "oneOf", "anyOf" })
            {
                foreach (SpecNode part in SpecDocument.GetSequence(schema, keyword)?.Children ?? Enumerable.Empty<SpecNode>())
                {
                    PushSchema(part);
                }
            }
        }

        void PushSchema(SpecNode? node)
        {
            if (Deref(node, report: false) is SpecMap target)
            {
                pending.Push(target);
            }
        }
    }

    private static List<string> Types(SpecNode? schema)
    {
        var types = new List<string>();
        SpecNode? type = SpecDocument.Get(schema, "type");
        if (type is SpecSequence list)
        {
            foreach (SpecNode item in list.Children)
            {
                // In a type list, 'null' is the string "null" whether or not it is quoted.
                types.Add(item is SpecScalar scalar ? scalar.Value ?? "null" : "");
            }
        }
        else if (type is SpecScalar scalar && scalar.Value is { } value)
        {
            types.Add(value);
        }

        return types;
    }

    private static bool IsNullableSchema(SpecNode? schema) =>
        Types(schema).Contains("null") || SpecDocument.GetBool(schema, "nullable") ||
        (SpecDocument.GetSequence(schema, "enum")?.Children.Any(SpecDocument.IsNull) ?? false) ||
        (SpecDocument.GetSequence(schema, "oneOf") ?? SpecDocument.GetSequence(schema, "anyOf"))?.Children
            .Any(v => Types(v).SequenceEqual(new[] { "null" })) == true;

    private static bool IsObjectSchema(SpecNode? schema) =>
        Types(schema).Contains("object") || SpecDocument.Get(schema, "properties") is not null || SpecDocument.Get(schema, "allOf") is not null;

    /// <summary>
    /// The C# type for a schema; <paramref name="contextName"/> names it when it is an inline object or enum. With a
    /// <paramref name="property"/> (the owner and property an inline schema is declared under), an inline enum or
    /// object is one type per concept, shared with every other declaration of the same concept.
    /// </summary>
    /// <param name="declaration">
    /// Set when <paramref name="contextName"/> is a name the spec declares (a component parameter's key); a component
    /// schema reached through a <c>$ref</c> is always named after its key, wherever it is first met.
    /// </param>
    private TypeRef ResolveType(SpecNode? schemaNode, string contextName, bool isSort = false, PropertyHint? property = null, string? declaration = null)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (schemaNode is null)
        {
            return TypeRef.Json;
        }

        // Each level of schemas inside schemas (through properties, items, allOf and references) is a level of this
        // recursion: a hostile chain of thousands of schemas must not exhaust the compiler's stack.
        if (_schemaDepth >= SpecBudgets.MaxSchemaDepth)
        {
            if (!_reportedSchemaDepth)
            {
                _reportedSchemaDepth = true;
                Report(Diagnostics.DiagnosticDescriptors.ReferenceTooDeep, schemaNode, "Schemas nest inside schemas (through properties, items, allOf and references) too deep here",
                    SpecBudgets.MaxSchemaDepth.ToString(System.Globalization.CultureInfo.InvariantCulture) + " levels");
            }

            return TypeRef.Json;
        }

        _schemaDepth++;
        try
        {
            return ResolveTypeAtDepth(schemaNode, contextName, isSort, property, declaration);
        }
        finally
        {
            _schemaDepth--;
        }
    }

    private int _schemaDepth;
    private bool _reportedSchemaDepth;

    private TypeRef ResolveTypeAtDepth(SpecNode schemaNode, string contextName, bool isSort, PropertyHint? property, string? declaration)
    {
        string? referenceName = ReferenceName(schemaNode);
        SpecNode? schema = Deref(schemaNode);
        if (schema is null)
        {
            return TypeRef.Json;
        }

        if (referenceName is not null)
        {
            (contextName, declaration) = ReferencedTypeName(LocalRef(schemaNode)!, referenceName);
            property = null;
        }

        if (_namedTypes.TryGetValue(schema, out TypeRef? known))
        {
            return known;
        }

        // A one-member allOf is how 3.0 specs attach a description to a $ref: it is the referenced type.
        if (SpecDocument.GetSequence(schema, "allOf") is { Children.Count: 1 } single && SpecDocument.Get(schema, "properties") is null)
        {
            return ResolveType(single.Children[0], contextName, isSort, property, declaration);
        }

        // oneOf/anyOf of one type and null is that type, nullable.
        if ((SpecDocument.GetSequence(schema, "oneOf") ?? SpecDocument.GetSequence(schema, "anyOf")) is { } variants)
        {
            var nonNull = variants.Children.Where(v => !Types(v).SequenceEqual(new[] { "null" })).ToList();
            if (nonNull.Count == 1)
            {
                return ResolveType(nonNull[0], contextName, isSort, property, declaration);
            }

            if (SpecDocument.Get(schema, "properties") is null)
            {
                return BuildUnion(schema, nonNull, contextName, declaration);
            }
        }

        List<string> types = Types(schema).Where(t => t != "null").ToList();
        if (SpecDocument.GetSequence(schema, "enum") is { } values && (types.Count == 0 || types.Contains("string")))
        {
            return BuildEnum(schema, values, contextName, isSort, declaration, property);
        }

        if (IsObjectSchema(schema) && !types.Any(t => t is "string" or "integer" or "number" or "boolean" or "array"))
        {
            SpecNode? properties = SpecDocument.Get(schema, "properties");
            SpecNode? additional = SpecDocument.Get(schema, "additionalProperties");
            if (properties is null && SpecDocument.Get(schema, "allOf") is null)
            {
                TypeRef value = additional is SpecMap valueSchema && SpecDocument.Members(valueSchema).Any()
                    ? ResolveType(valueSchema, contextName + "Value")
                    : TypeRef.Json;
                return new TypeRef(TypeKind.Map, $"global::System.Collections.Generic.IDictionary<string, {value.Name}>", value);
            }

            return BuildModel(schema, contextName, declaration, property);
        }

        string? format = SpecDocument.GetString(schema, "format");
        switch (types.FirstOrDefault())
        {
            case "string":
                return format == "date-time" ? TypeRef.DateTimeOffset : TypeRef.String;
            case "integer":
                return format == "int64" ? TypeRef.Int64 : TypeRef.Int32;
            case "number":
                return TypeRef.Double;
            case "boolean":
                return TypeRef.Boolean;
            case "array":
                TypeRef item = ResolveType(SpecDocument.Get(schema, "items"), Naming.Singular(contextName), false,
                    property is null ? null : property with { Property = Naming.Singular(property.Property) });
                return new TypeRef(TypeKind.List, $"global::System.Collections.Generic.IList<{item.Name}>", item);
            default:
                return TypeRef.Json;
        }
    }
}
