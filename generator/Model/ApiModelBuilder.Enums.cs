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

        if (key is null && source is not null && name == Naming.Identifier(source, "T"))
        {
            _componentEnums[name] = valuesKey;
        }

        var members = new List<EnumMemberSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (SpecNode node in values.Children)
        {
            if (SpecDocument.IsNull(node) || node is not SpecScalar { Value: { } value })
            {
                continue;
            }

            if (members.Any(m => m.Value == value))
            {
                continue;
            }

            members.Add(new EnumMemberSpec(UniqueMemberName(Naming.EnumMember(value), name, names, value), value));
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
}
