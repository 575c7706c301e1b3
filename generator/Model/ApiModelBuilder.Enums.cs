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
        if (key is not null && TryShare(key, property!, schema, Doc(schema, schema), out TypeRef shared))
        {
            return shared;
        }

        // A shared type's name is provisional until all are known (NameSharedTypes): a collision is reported then.
        string name = key is null ? ReserveTypeName(contextName, schema, source) : ReserveTypeName(contextName);
        var type = new TypeRef(TypeKind.Enum, Qualified(name));
        _namedTypes[schema] = type;
        if (key is not null)
        {
            AddShared(key, property!, type, schema, valuesKey);
        }
        else if (source is not null && name == Naming.Identifier(source, "T"))
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
