using System;
using System.Collections.Generic;
using System.Linq;
using Telnyx.Sip.Generator.Reading;

namespace Telnyx.Sip.Generator.Model;

/// <summary>Query parameters to query classes (deepObject filters, sort keys) and page-number paging.</summary>
internal sealed partial class ApiModelBuilder
{
    private (string? PageKey, string? PageAccess) BuildQueryModel(string className, List<(string Name, string In, SpecNode Node, string? RefName)> parameters, string? summary)
    {
        var properties = new List<PropertySpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        string? pageKey = null;
        string? pageAccess = null;
        foreach (var parameter in parameters)
        {
            SpecNode? declaredSchema = SpecDocument.Get(parameter.Node, "schema");
            SpecNode? schema = Deref(declaredSchema);
            string style = SpecDocument.GetString(parameter.Node, "style") ?? "form";
            string memberName = OverrideName(parameter.Node, $"the parameter '{parameter.Name}'") ?? MemberName(parameter.Name, parameters.Select(p => p.Name));
            string propertyName = UniqueMemberName(memberName, className, names, parameter.Name);
            TypeRef type;
            if (style == "deepObject" || (IsObjectSchema(schema) && SpecDocument.Get(schema, "properties") is not null))
            {
                // A parameter defined once in components is one class, named after its component.
                string typeName = parameter.RefName is { } refName ? Naming.Identifier(refName, "T") : className + propertyName;
                string? declaration = parameter.RefName is { } key && _declaredTypeNames.TryGetValue(typeName, out string? owner) && owner == ParameterDeclaration(key)
                    ? owner
                    : null;
                type = _namedTypes.TryGetValue(parameter.Node, out TypeRef? shared) ? shared : BuildQueryObject(typeName, schema, Doc(parameter.Node, schema), declaration);
                _namedTypes[parameter.Node] = type;
                if (IsPageSchema(schema))
                {
                    pageKey = parameter.Name + "[number]";
                    pageAccess = propertyName + "?.Number";
                }
            }
            else
            {
                // The declared schema, not its target: a component schema is named after its key wherever it is first met.
                type = parameter.RefName is { } refName
                    ? QueryScalar(declaredSchema, Naming.Identifier(refName, "T"), parameter.Name == "sort", declaration: ParameterDeclaration(refName))
                    : QueryScalar(declaredSchema, className + propertyName, parameter.Name == "sort", new PropertyHint(className, memberName));
                if (parameter.Name.Equals("page[number]", StringComparison.Ordinal) && type.Kind is TypeKind.Int32 or TypeKind.Int64)
                {
                    pageKey = parameter.Name;
                    pageAccess = propertyName;
                }
            }

            properties.Add(new PropertySpec
            {
                WireName = parameter.Name,
                Name = propertyName,
                Type = type,
                IsNullable = true,
                IsRequired = false,
                IsSecret = false,
                Doc = Doc(parameter.Node, schema),
            });
        }

        _models.Add(new ModelSpec
        {
            Name = className,
            Kind = ModelKind.Query,
            Doc = new DocSpec(summary is null ? "Query parameters." : $"Query parameters of \"{summary}\".", EquatableArray<string>.Empty),
            Properties = properties.ToEquatableArray(),
        });
        return (pageKey, pageAccess);
    }

    private bool IsPageSchema(SpecNode? schema)
    {
        SpecNode? number = Deref(SpecDocument.Get(SpecDocument.Get(schema, "properties"), "number"));
        return number is not null && Types(number).Contains("integer");
    }

    /// <summary>An object serialised deepObject-style. A oneOf of a plain value and an object becomes one class with both.</summary>
    private TypeRef BuildQueryObject(string name, SpecNode? schema, DocSpec? doc = null, string? declaration = null)
    {
        name = declaration is not null ? ReserveDeclaredName(name, declaration, schema) : ReserveMadeUpName(name, () => Signature(schema));
        TypeRef? scalar = null;
        SpecNode? objectSchema = schema;
        if ((SpecDocument.GetSequence(schema, "oneOf") ?? SpecDocument.GetSequence(schema, "anyOf")) is { } variants)
        {
            objectSchema = null;
            foreach (SpecNode variant in variants.Children.Select(v => Deref(v) ?? v))
            {
                if (IsObjectSchema(variant))
                {
                    objectSchema = variant;
                }
                else
                {
                    scalar = QueryScalar(variant, name + "Value", false);
                }
            }
        }

        var properties = new List<PropertySpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in SpecDocument.Members(SpecDocument.Get(objectSchema, "properties")))
        {
            SpecNode? propertySchema = Deref(member.Value);
            string memberName = OverrideName(member.Value, $"the property '{member.Key}'") ??
                                MemberName(member.Key, SpecDocument.Members(SpecDocument.Get(objectSchema, "properties")).Select(m => m.Key));
            string propertyName = UniqueMemberName(memberName, name, names, member.Key);
            TypeRef type = IsObjectSchema(propertySchema) || SpecDocument.Get(propertySchema, "oneOf") is not null || SpecDocument.Get(propertySchema, "anyOf") is not null
                ? BuildQueryObject(name + propertyName, propertySchema)
                : QueryScalar(member.Value, name + propertyName, false, new PropertyHint(name, memberName));
            properties.Add(new PropertySpec
            {
                WireName = member.Key,
                Name = propertyName,
                Type = type,
                IsNullable = true,
                IsRequired = false,
                IsSecret = false,
                Doc = Doc(member.Value, propertySchema),
            });
        }

        _models.Add(new ModelSpec
        {
            Name = name,
            Kind = ModelKind.Query,
            Doc = doc ?? Doc(schema, schema),
            Properties = properties.ToEquatableArray(),
            ScalarValue = scalar,
        });
        return new TypeRef(TypeKind.Model, Qualified(name));
    }

    private TypeRef QueryScalar(SpecNode? schema, string contextName, bool isSort, PropertyHint? property = null, string? declaration = null)
    {
        TypeRef type = ResolveType(schema, contextName, isSort, property, declaration);
        if (type.Kind == TypeKind.List && type.Element is { } element && element.Kind is not (TypeKind.Model or TypeKind.List or TypeKind.Map or TypeKind.Json))
        {
            return type;
        }

        return type.Kind is TypeKind.Model or TypeKind.List or TypeKind.Map or TypeKind.Json ? TypeRef.String : type;
    }
}
