using System;
using System.Collections.Generic;
using System.Linq;
using Telnyx.Sip.Generator.Reading;

namespace Telnyx.Sip.Generator.Model;

/// <summary>Enumerated string schemas to enum structs.</summary>
internal sealed partial class ApiModelBuilder
{
    private TypeRef BuildEnum(SpecNode schema, SpecSequence values, string contextName, bool isSort, string? source, PropertyHint? property = null)
    {
        string valuesKey = EnumValuesKey(values, isSort);
        string? key = property is null ? null : "enum|" + property.Property + "|" + valuesKey;
        if (DeclareType(TypeKind.Enum, key, property, schema, contextName, source, valuesKey, out TypeRef type, out string name))
        {
            return type;
        }

        if (key is null && source is not null && _declaredTypeNames.TryGetValue(name, out string? owner) && owner == source)
        {
            _componentEnums[name] = valuesKey;
        }

        var members = new List<EnumMemberSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        SpecSequence? chosenNames = EnumValueNames(schema);
        for (int i = 0; i < values.Children.Count; i++)
        {
            SpecNode node = values.Children[i];
            if (SpecDocument.IsNull(node) || node is not SpecScalar { Value: { } value })
            {
                continue;
            }

            if (members.Any(m => m.Value == value))
            {
                continue;
            }

            SpecNode? chosen = chosenNames is not null && i < chosenNames.Children.Count ? chosenNames.Children[i] : null;
            string memberName = (chosen is null ? null : ValidName(chosen, $"the value '{value}' of '{name}'")) ?? Naming.EnumMember(value);
            members.Add(new EnumMemberSpec(UniqueMemberName(memberName, name, names, value), value));
        }

        _enums.Add(new EnumSpec
        {
            Name = name,
            Doc = Doc(schema, schema),
            Members = members.ToEquatableArray(),
            IsSortOrder = isSort,
        });
        return type;
    }

    /// <summary>
    /// The C# names a spec gives an enum's values: a list parallel to <c>enum</c>, under <c>x-enum-varnames</c> (the
    /// convention of openapi-generator) or <c>x-enumNames</c> (NSwag's). A missing or invalid entry keeps the derived name.
    /// </summary>
    private static SpecSequence? EnumValueNames(SpecNode schema) =>
        SpecDocument.GetSequence(schema, "x-enum-varnames") ?? SpecDocument.GetSequence(schema, "x-enumNames");
}
