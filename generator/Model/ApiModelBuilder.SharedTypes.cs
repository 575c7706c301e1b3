using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Telnyx.Sip.Generator.Reading;

namespace Telnyx.Sip.Generator.Model;

/// <summary>
/// One type per concept. An inline enum or object declared under a property is a concept identified by the property's
/// name and a structural signature of the schema (its values, or its members with their types, nullability and C#
/// <c>required</c>-ness), never by where it is declared: every declaration with the same key shares one type.
/// Shared types are named once all of them are known, so that no name depends on the order they were met:
/// <list type="number">
/// <item>an inline enum named by its property like a component enum, with the same values, is that component enum;</item>
/// <item>a property name of two or more words (<c>WebhookApiVersion</c>, <c>CallingWindow</c>) names the type alone
/// when no other type has that name and no other concept wants it;</item>
/// <item>otherwise the owner's name followed by the property's, without repeating the words where they meet
/// (<see cref="Naming.Join"/>); with several owners, the shortest resulting name (then ordinal order) wins;</item>
/// <item>a name that two concepts want, or that another type has or the spec declares, is given to neither: each gets a
/// suffix derived from its signature. These names are made up, so they yield silently: TSG007 is for the spec's own names.</item>
/// </list>
/// </summary>
internal sealed partial class ApiModelBuilder
{
    /// <summary>The owning type and the property under which an inline schema is declared.</summary>
    private sealed record PropertyHint(string Owner, string Property);

    /// <summary>One shared inline type while the spec is read: its provisional name, its owners, where it was first met.</summary>
    private sealed class SharedType(string key, string property, TypeRef type, SpecNode node, string? values)
    {
        public string Key { get; } = key;
        public string Property { get; } = property;
        public TypeRef Type { get; } = type;
        public SpecNode Node { get; } = node;

        /// <summary>For an enum: its values, sorted; null for an object.</summary>
        public string? Values { get; } = values;
        public SortedSet<string> Owners { get; } = new(StringComparer.Ordinal);
        public string ProvisionalName => Type.Name.Substring(Type.Name.LastIndexOf('.') + 1);
    }

    private readonly Dictionary<string, SharedType> _sharedTypes = new(StringComparer.Ordinal);

    /// <summary>Component enums by C# name, with their sorted values, for inline enums that repeat one.</summary>
    private readonly Dictionary<string, string> _componentEnums = new(StringComparer.Ordinal);

    private static string EnumValuesKey(SpecSequence values, bool isSort) =>
        (isSort ? "sort:" : "") + string.Join("\u001f", values.Children
            .Where(v => !SpecDocument.IsNull(v)).Select(SpecDocument.ScalarText).OfType<string>()
            .Distinct(StringComparer.Ordinal).OrderBy(v => v, StringComparer.Ordinal));

    /// <summary>
    /// A structural signature of a schema: what decides the C# shape of the type it becomes. Descriptions, examples,
    /// defaults, limits and formats that do not change the C# type are left out.
    /// </summary>
    private string Signature(SpecNode? node, int depth = 0)
    {
        if (node is null)
        {
            return "json";
        }

        if (depth > 32)
        {
            return "deep";
        }

        if (LocalRef(node) is { } reference)
        {
            return "ref(" + reference + ")";
        }

        string nullable = IsNullableSchema(node) ? "?" : "";
        if (SpecDocument.GetSequence(node, "allOf") is { Children.Count: 1 } single && SpecDocument.Get(node, "properties") is null)
        {
            return Signature(single.Children[0], depth + 1) + nullable;
        }

        if ((SpecDocument.GetSequence(node, "oneOf") ?? SpecDocument.GetSequence(node, "anyOf")) is { } variants)
        {
            var nonNull = variants.Children.Where(v => !Types(v).SequenceEqual(new[] { "null" })).ToList();
            if (nonNull.Count == 1)
            {
                return Signature(nonNull[0], depth + 1) + nullable;
            }

            if (SpecDocument.Get(node, "properties") is null)
            {
                return "one(" + string.Join("|", nonNull.Select(v => Signature(v, depth + 1))) + ")" + nullable;
            }
        }

        List<string> types = Types(node).Where(t => t != "null").ToList();
        if (SpecDocument.GetSequence(node, "enum") is { } values && (types.Count == 0 || types.Contains("string")))
        {
            return "enum(" + EnumValuesKey(values, false) + ")" + nullable;
        }

        if (IsObjectSchema(node) && !types.Any(t => t is "string" or "integer" or "number" or "boolean" or "array"))
        {
            if (SpecDocument.Get(node, "properties") is null && SpecDocument.Get(node, "allOf") is null)
            {
                SpecNode? additional = SpecDocument.Get(node, "additionalProperties");
                return "map(" + (additional is SpecMap map && SpecDocument.Members(map).Any() ? Signature(map, depth + 1) : "json") + ")" + nullable;
            }

            return ObjectSignature(node, depth) + nullable;
        }

        string? format = SpecDocument.GetString(node, "format");
        return types.FirstOrDefault() switch
        {
            "string" => format == "date-time" ? "date-time" : "string",
            "integer" => format == "int64" ? "int64" : "int32",
            "number" => "number",
            "boolean" => "boolean",
            "array" => "list(" + Signature(SpecDocument.Get(node, "items"), depth + 1) + ")",
            _ => "json",
        } + nullable;
    }

    /// <summary>
    /// The members of an object, each with its type's signature and the three facts that shape its C# property:
    /// nullable (<c>?</c>), a C# <c>required</c> member (<c>!</c>, required in a request body), secret (<c>*</c>).
    /// Two request and response copies whose <c>required</c> lists differ therefore share a type only when that makes
    /// no difference to C#: a request never loses a required member, a response never gains one.
    /// </summary>
    private string ObjectSignature(SpecNode schema, int depth)
    {
        bool isRequest = _requestSchemas.Contains(schema);
        var required = new HashSet<string>(StringComparer.Ordinal);
        var members = new List<KeyValuePair<string, SpecNode>>();
        CollectMembers(schema, required, members, new HashSet<SpecNode>(ReferenceEqualityComparer.Instance));
        var text = new StringBuilder("{");
        foreach (var member in members.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            SpecNode? propertySchema = Deref(member.Value, report: false);
            bool isRequired = required.Contains(member.Key);
            bool nullable = IsNullableSchema(propertySchema) || IsNullableSchema(member.Value) || !isRequired;
            bool csharpRequired = isRequest && isRequired && !SpecDocument.GetBool(propertySchema, "readOnly");
            text.Append(member.Key).Append(':').Append(Signature(member.Value, depth + 1))
                .Append(nullable ? "?" : "").Append(csharpRequired ? "!" : "").Append(IsSecret(member.Key, propertySchema) ? "*" : "").Append(';');
        }

        return text.Append('}').ToString();
    }

    /// <summary>
    /// Names a new enum or model type, or finds the shared one it is: with a <paramref name="key"/> (an inline schema under
    /// a property) the type may already exist, and its name is provisional until all are known (NameSharedTypes); without
    /// one the name is reserved at once: a name the spec declares (<paramref name="source"/>, see
    /// <see cref="ReserveDeclaredName"/>) or one made up from the context, which yields to every declared name.
    /// </summary>
    /// <returns>Whether the type already existed (then there is nothing more to build).</returns>
    private bool DeclareType(TypeKind kind, string? key, PropertyHint? property, SpecNode schema, string contextName, string? source,
        string? values, out TypeRef type, out string name)
    {
        if (key is not null && TryShare(key, property!, schema, Doc(schema, schema), out type))
        {
            name = type.Name;
            return true;
        }

        name = key is not null ? ReserveMadeUpName(contextName, () => key)
            : source is not null ? ReserveDeclaredName(contextName, source, schema)
            : ReserveMadeUpName(contextName, () => Signature(schema));
        type = new TypeRef(kind, Qualified(name));
        _namedTypes[schema] = type;
        if (key is not null)
        {
            AddShared(key, property!, type, schema, values);
        }

        return false;
    }

    private bool TryShare(string key, PropertyHint hint, SpecNode schema, DocSpec doc, out TypeRef type)
    {
        if (!_sharedTypes.TryGetValue(key, out SharedType? shared))
        {
            type = null!;
            return false;
        }

        shared.Owners.Add(hint.Owner);
        _namedTypes[schema] = shared.Type;
        type = shared.Type;

        // A shared type's documentation is the first description met.
        if (doc.Summary is not null)
        {
            string name = shared.ProvisionalName;
            int enumIndex = _enums.FindIndex(e => e.Name == name);
            if (enumIndex >= 0 && _enums[enumIndex].Doc.Summary is null)
            {
                _enums[enumIndex] = _enums[enumIndex] with { Doc = _enums[enumIndex].Doc with { Summary = doc.Summary } };
            }

            int modelIndex = _models.FindIndex(m => m.Name == name);
            if (modelIndex >= 0 && _models[modelIndex].Doc.Summary is null)
            {
                _models[modelIndex] = _models[modelIndex] with { Doc = _models[modelIndex].Doc with { Summary = doc.Summary } };
            }
        }

        return true;
    }

    private void AddShared(string key, PropertyHint hint, TypeRef type, SpecNode schema, string? values)
    {
        var shared = new SharedType(key, hint.Property, type, schema, values);
        shared.Owners.Add(hint.Owner);
        _sharedTypes[key] = shared;
    }

    /// <summary>Gives the shared types their final names (see the class remarks) and renames every use of them.</summary>
    private ApiSpec NameSharedTypes(ApiSpec spec)
    {
        if (_sharedTypes.Count == 0)
        {
            return spec;
        }

        var all = _sharedTypes.Values.OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        var byProvisional = all.ToDictionary(s => s.ProvisionalName, StringComparer.Ordinal);
        var taken = new HashSet<string>(_typeNames.Where(n => !byProvisional.ContainsKey(n)).Concat(_declaredTypeNames.Keys), StringComparer.Ordinal);
        var final = new Dictionary<SharedType, TypeRef>();
        var names = new Dictionary<SharedType, string>();

        // 1. An inline enum that repeats the component enum named like its property is that enum.
        foreach (SharedType shared in all)
        {
            if (shared.Values is not null && _componentEnums.TryGetValue(shared.Property, out string? values) && values == shared.Values)
            {
                final[shared] = new TypeRef(TypeKind.Enum, Qualified(shared.Property));
            }
        }

        // 2. A property name of several words alone, when no other type has it and no other concept wants it.
        foreach (var group in all.Where(s => !final.ContainsKey(s) && Naming.IdentifierWords(s.Property).Count > 1 && !taken.Contains(s.Property))
                     .GroupBy(s => s.Property, StringComparer.Ordinal))
        {
            if (group.Count() == 1)
            {
                names[group.First()] = group.Key;
            }
        }

        foreach (string name in names.Values)
        {
            taken.Add(name);
        }

        // 3. Owner and property, owners first: a shared type declared inside another is named after that one's final name.
        var pending = new HashSet<SharedType>(all.Where(s => !final.ContainsKey(s) && !names.ContainsKey(s)));
        while (pending.Count > 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var ready = all.Where(s => pending.Contains(s) &&
                                       s.Owners.All(o => !byProvisional.TryGetValue(o, out SharedType? owner) || owner == s || !pending.Contains(owner))).ToList();
            if (ready.Count == 0)
            {
                ready = all.Where(pending.Contains).ToList(); // owners that contain each other cannot be inline; keep going rather than loop
            }

            var candidates = ready.ToDictionary(s => s, s => s.Owners
                .Select(o => byProvisional.TryGetValue(o, out SharedType? owner) && owner != s ? NameOf(owner) : o)
                .Select(o => Naming.Join(o, s.Property))
                .OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal).First());
            foreach (var group in candidates.GroupBy(c => c.Value, StringComparer.Ordinal))
            {
                bool free = group.Count() == 1 && !taken.Contains(group.Key);
                foreach (var entry in group)
                {
                    string name = free ? group.Key : group.Key + "_" + Naming.ShortHash(entry.Key.Key);
                    while (!free && taken.Contains(name))
                    {
                        name += "_";
                    }

                    names[entry.Key] = name;
                    taken.Add(name);
                }
            }

            pending.ExceptWith(ready);
        }

        var renamed = new Dictionary<string, TypeRef>(StringComparer.Ordinal);
        foreach (SharedType shared in all)
        {
            renamed[shared.Type.Name] = final.TryGetValue(shared, out TypeRef? target) ? target : shared.Type with { Name = Qualified(names[shared]) };
        }

        var merged = new HashSet<string>(all.Where(final.ContainsKey).Select(s => s.ProvisionalName), StringComparer.Ordinal);
        string Rename(string name) => byProvisional.TryGetValue(name, out SharedType? shared) && names.TryGetValue(shared, out string? newName) ? newName : name;

        TypeRef? Map(TypeRef? type)
        {
            if (type is null)
            {
                return null;
            }

            if (renamed.TryGetValue(type.Name, out TypeRef? target))
            {
                return target;
            }

            if (type.Element is { } element && Map(element) is { } mapped && mapped != element)
            {
                return type with { Name = type.Name.Replace(element.Name, mapped.Name), Element = mapped };
            }

            return type;
        }

        EquatableArray<PropertySpec> MapProperties(EquatableArray<PropertySpec> properties, string owner) =>
            properties.Select(p => p with
            {
                Type = Map(p.Type)!,
                Name = p.Name == owner && properties.All(o => o.Name != owner + "Value") ? owner + "Value" : p.Name,
            }).ToEquatableArray();

        ParameterSpec MapParameter(ParameterSpec p) => p with { Type = Map(p.Type)! };

        ResourceSpec MapResource(ResourceSpec resource) => resource with
        {
            Operations = resource.Operations.Select(o => o with
            {
                Body = Map(o.Body),
                ResponseType = Map(o.ResponseType),
                ItemStream = o.ItemStream is { } stream ? stream with { Item = Map(stream.Item)! } : null,
                PathParameters = o.PathParameters.Select(MapParameter).ToEquatableArray(),
                HeaderParameters = o.HeaderParameters.Select(MapParameter).ToEquatableArray(),
                QueryString = o.QueryString is { } queryString ? MapParameter(queryString) : null,
            }).ToEquatableArray(),
            Children = resource.Children.Select(MapResource).ToEquatableArray(),
        };

        return spec with
        {
            Models = spec.Models.Where(m => !merged.Contains(m.Name)).Select(m =>
            {
                string name = Rename(m.Name);
                return m with
                {
                    Name = name,
                    Properties = MapProperties(m.Properties, name),
                    ScalarValue = Map(m.ScalarValue),
                    Variants = m.Variants.Select(v => v with { Type = Map(v.Type)! }).ToEquatableArray(),
                };
            }).OrderBy(m => m.Name, StringComparer.Ordinal).ToEquatableArray(),
            Enums = spec.Enums.Where(e => !merged.Contains(e.Name)).Select(e => e with { Name = Rename(e.Name) })
                .OrderBy(e => e.Name, StringComparer.Ordinal).ToEquatableArray(),
            Resources = spec.Resources.Select(MapResource).ToEquatableArray(),
        };

        string NameOf(SharedType shared) => final.TryGetValue(shared, out TypeRef? target)
            ? target.Name.Substring(target.Name.LastIndexOf('.') + 1)
            : names.TryGetValue(shared, out string? name) ? name : shared.ProvisionalName;
    }
}
