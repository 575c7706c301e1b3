using System;
using System.Collections.Generic;
using System.Linq;
using Telnyx.Sip.Generator.Reading;

namespace Telnyx.Sip.Generator.Model;

/// <summary>Object schemas to model classes: members flattened from allOf, required and secret members.</summary>
internal sealed partial class ApiModelBuilder
{
    private TypeRef BuildModel(SpecNode schema, string contextName, string? source, PropertyHint? property = null)
    {
        string? key = property is null ? null : "model|" + property.Property + "|" + ObjectSignature(schema, 0);
        if (DeclareType(TypeKind.Model, key, property, schema, contextName, source, null, out TypeRef type, out string name))
        {
            return type;
        }

        if (!_inProgress.Add(schema))
        {
            return type;
        }

        bool isRequest = _requestSchemas.Contains(schema);
        var required = new HashSet<string>(StringComparer.Ordinal);
        var members = new List<KeyValuePair<string, SpecNode>>();
        CollectMembers(schema, required, members, new HashSet<SpecNode>(ReferenceEqualityComparer.Instance));

        var properties = new List<PropertySpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            SpecNode? propertySchema = Deref(member.Value);
            string memberName = OverrideName(member.Value, $"the property '{member.Key}' of '{name}'") ?? MemberName(member.Key, members.Select(m => m.Key));
            string propertyName = UniqueMemberName(memberName, name, names, member.Key);
            TypeRef propertyType = ResolveType(member.Value, name + propertyName, false, new PropertyHint(name, memberName));
            bool readOnly = SpecDocument.GetBool(propertySchema, "readOnly");
            bool isRequired = required.Contains(member.Key);
            bool nullable = IsNullableSchema(propertySchema) || IsNullableSchema(member.Value);
            properties.Add(new PropertySpec
            {
                WireName = member.Key,
                Name = propertyName,
                Type = propertyType,
                IsNullable = nullable || !isRequired,
                IsRequired = isRequest && isRequired && !readOnly,
                AcceptsNull = nullable,
                IsSecret = IsSecret(member.Key, propertySchema),
                Doc = Doc(member.Value, propertySchema),
            });
        }

        _models.Add(new ModelSpec
        {
            Name = name,
            Kind = ModelKind.Json,
            IsRequest = isRequest,
            Doc = Doc(schema, schema),
            Properties = properties.ToEquatableArray(),
        });
        _inProgress.Remove(schema);
        return type;
    }

    /// <summary>
    /// Whether <c>ToString</c> must hide a property: <c>writeOnly</c> or <c>format: password</c> in the spec, or a
    /// name that says secret (<c>password</c>, <c>secret</c>, a trailing <c>token</c>).
    /// </summary>
    private static bool IsSecret(string wireName, SpecNode? schema) =>
        SpecDocument.GetBool(schema, "writeOnly") || SpecDocument.GetString(schema, "format") == "password" ||
        wireName.IndexOf("password", StringComparison.OrdinalIgnoreCase) >= 0 ||
        wireName.IndexOf("secret", StringComparison.OrdinalIgnoreCase) >= 0 ||
        wireName.EndsWith("token", StringComparison.OrdinalIgnoreCase);

    /// <summary>Collects the properties of a schema and of its allOf parts, flattened in order; later ones win.</summary>
    private void CollectMembers(SpecNode schema, HashSet<string> required, List<KeyValuePair<string, SpecNode>> members, HashSet<SpecNode> visited)
    {
        if (!visited.Add(schema))
        {
            return;
        }

        if (visited.Count > SpecBudgets.MaxSchemaDepth)
        {
            if (!_reportedSchemaDepth)
            {
                _reportedSchemaDepth = true;
                Report(Diagnostics.DiagnosticDescriptors.ReferenceTooDeep, schema, "The allOf parts of a schema, with their own allOf parts, are too many",
                    SpecBudgets.MaxSchemaDepth.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return;
        }

        foreach (SpecNode part in SpecDocument.GetSequence(schema, "allOf")?.Children ?? Enumerable.Empty<SpecNode>())
        {
            if (Deref(part) is { } resolved)
            {
                CollectMembers(resolved, required, members, visited);
            }
        }

        foreach (var member in SpecDocument.Members(SpecDocument.Get(schema, "properties")))
        {
            members.RemoveAll(m => m.Key == member.Key);
            members.Add(member);
        }

        foreach (SpecNode item in SpecDocument.GetSequence(schema, "required")?.Children ?? Enumerable.Empty<SpecNode>())
        {
            if (SpecDocument.ScalarText(item) is { } name)
            {
                required.Add(name);
            }
        }
    }
}
