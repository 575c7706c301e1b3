using System;
using System.Collections.Generic;
using System.Linq;
using Telnyx.Sip.Generator.Reading;

namespace Telnyx.Sip.Generator.Model;

/// <summary>Enumerated string schemas to enum structs.</summary>
internal sealed partial class ApiModelBuilder
{
    private TypeRef BuildEnum(SpecNode schema, SpecSequence values, string contextName, bool isSort, string? source)
    {
        string name = ReserveTypeName(contextName, schema, source);
        var type = new TypeRef(TypeKind.Enum, Qualified(name));
        _namedTypes[schema] = type;
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
