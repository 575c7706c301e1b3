using System;
using System.Collections.Generic;
using System.Linq;
using Telnyx.Sip.Generator.Reading;

namespace Telnyx.Sip.Generator.Model;

/// <summary>oneOf/anyOf schemas to union classes.</summary>
internal sealed partial class ApiModelBuilder
{
    /// <summary>
    /// A oneOf/anyOf of several types becomes a class holding one of them: callers match with <c>TryGet{Variant}</c>.
    /// With a discriminator the variant is chosen by its value; without one, by the JSON's kind and required members.
    /// </summary>
    private TypeRef BuildUnion(SpecNode schema, List<SpecNode> variants, string contextName, string? source)
    {
        string name = source is not null ? ReserveDeclaredName(contextName, source, schema) : ReserveMadeUpName(contextName, () => Signature(schema));
        var type = new TypeRef(TypeKind.Model, Qualified(name));
        _namedTypes[schema] = type;
        SpecNode? discriminator = SpecDocument.Get(schema, "discriminator");
        string? property = SpecDocument.GetString(discriminator, "propertyName");
        SpecNode? mapping = SpecDocument.Get(discriminator, "mapping");
        var names = new HashSet<string>(StringComparer.Ordinal);
        var specs = new List<VariantSpec>();
        foreach (SpecNode variant in variants)
        {
            string? referenceName = ReferenceName(variant);
            SpecNode? resolved = Deref(variant);
            string? title = SpecDocument.GetString(resolved, "title");
            TypeRef variantType = ResolveType(variant, name + Naming.Identifier(title ?? VariantHint(resolved), "V"));
            string variantName = UniqueMemberName(VariantName(variantType, title), name, names, LocalRef(variant) ?? variantType.Name);

            var values = new List<string>();
            if (property is not null)
            {
                string? reference = LocalRef(variant);
                foreach (var entry in SpecDocument.Members(mapping))
                {
                    if (SpecDocument.ScalarText(entry.Value) is { } target && (target == reference || target == referenceName))
                    {
                        values.Add(entry.Key);
                    }
                }

                if (values.Count == 0 && referenceName is not null)
                {
                    values.Add(referenceName); // the implicit mapping: the schema's own name
                }

                // A const or single-valued enum on the discriminator member also names the variant.
                SpecNode? member = Deref(SpecDocument.Get(SpecDocument.Get(resolved, "properties"), property));
                if (SpecDocument.GetString(member, "const") is { } constant)
                {
                    values.Add(constant);
                }
                else if (SpecDocument.GetSequence(member, "enum") is { Children.Count: 1 } single && SpecDocument.ScalarText(single.Children[0]) is { } only)
                {
                    values.Add(only);
                }
            }

            var required = SpecDocument.GetSequence(resolved, "required")?.Children.Select(SpecDocument.ScalarText).OfType<string>() ?? Enumerable.Empty<string>();
            specs.Add(new VariantSpec(variantName, variantType, values.Distinct().ToEquatableArray(), required.ToEquatableArray()));
        }

        _models.Add(new ModelSpec
        {
            Name = name,
            Kind = ModelKind.Union,
            Doc = Doc(schema, schema),
            Properties = EquatableArray<PropertySpec>.Empty,
            Variants = specs.ToEquatableArray(),
            Discriminator = property,
        });
        return type;

        static string VariantHint(SpecNode? variant) =>
            Types(variant).FirstOrDefault(t => t != "null") is { } kind ? kind : SpecDocument.Get(variant, "properties") is { } properties
                ? "With" + string.Concat(SpecDocument.Members(properties).Take(2).Select(m => Naming.Identifier(m.Key)))
                : "Value";
    }

    /// <summary>The name of a variant: its type's own name, or what kind of value it is.</summary>
    private static string VariantName(TypeRef type, string? title) => type.Kind switch
    {
        TypeKind.Model or TypeKind.Enum => type.Name.Substring(type.Name.LastIndexOf('.') + 1),
        TypeKind.List => VariantName(type.Element!, null) + "List",
        TypeKind.Map => VariantName(type.Element!, null) + "Map",
        TypeKind.Json => title is null ? "Json" : Naming.Identifier(title, "V"),
        _ => type.Kind.ToString(),
    };
}
