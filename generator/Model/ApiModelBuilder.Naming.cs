using System;
using System.Collections.Generic;
using System.Linq;
using Telnyx.Sip.Generator.Diagnostics;
using Telnyx.Sip.Generator.Reading;

namespace Telnyx.Sip.Generator.Model;

/// <summary>C# names for types and members: from the spec's title, unique within a scope, stable as the spec grows.</summary>
internal sealed partial class ApiModelBuilder
{
    /// <summary>"Telnyx SIP API (subset …)" → "Telnyx SIP": the words before any parenthesis, without a trailing "API".</summary>
    private static string TitleName(string? title)
    {
        string text = title ?? "Api";
        int paren = text.IndexOf('(');
        if (paren > 0)
        {
            text = text.Substring(0, paren);
        }

        string[] words = text.Split(new[] { ' ', '\t', '-', '_' }, StringSplitOptions.RemoveEmptyEntries);
        var kept = words.Where(w => char.IsLetterOrDigit(w[0])).ToList();
        while (kept.Count > 1 && (kept[kept.Count - 1].Equals("API", StringComparison.OrdinalIgnoreCase) ||
                                  kept[kept.Count - 1].Equals("Client", StringComparison.OrdinalIgnoreCase)))
        {
            kept.RemoveAt(kept.Count - 1);
        }

        return kept.Count == 0 ? "Api" : string.Join(" ", kept);
    }

    private static string NamespaceFromTitle(string name) =>
        string.Join(".", name.Split(' ').Select(w => Naming.Identifier(w)).Where(w => w.Length > 0));

    /// <summary>Type references are written <c>global::</c>-qualified, so that a property can share a type's name.</summary>
    private string Qualified(string name) => $"global::{_namespace}.{name}";

    /// <summary>The extension through which a spec overrides a derived C# name (see docs/naming.md).</summary>
    private const string NameExtension = "x-csharp-name";

    /// <summary>A declared type name's owner: a component schema (<c>schemas:Key</c>) or a component parameter (<c>parameters:Key</c>).</summary>
    private static string SchemaDeclaration(string key) => "schemas:" + key;

    private static string ParameterDeclaration(string key) => "parameters:" + key;

    /// <summary>The spec's own name in a declaration (<c>schemas:Other-Thing</c> → <c>Other-Thing</c>), for messages.</summary>
    private static string DeclaredKey(string declaration) => declaration.Substring(declaration.IndexOf(':') + 1);

    /// <summary>
    /// The type names the spec declares, each with the declaration that owns it: every component schema (its key, or its
    /// <c>x-csharp-name</c>) and every component parameter whose inline schema becomes a type. They are known before any
    /// type is named, so that a name the generator makes up (an inline body's wrapper, a parameter class, an inline
    /// enum named after its property) always yields to a declared one, whichever is met first.
    /// </summary>
    private readonly Dictionary<string, string> _declaredTypeNames = new(StringComparer.Ordinal);

    /// <summary>C# names of the component schemas, by key.</summary>
    private readonly Dictionary<string, string> _componentSchemaNames = new(StringComparer.Ordinal);

    private readonly HashSet<SpecNode> _reportedNames = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Collects the declared type names. Two keys that become one identifier: the key spelled exactly like the
    /// identifier owns it (<c>OtherThing</c> over <c>Other-Thing</c>), else the first in the document; the other one is
    /// reported (TSG007) when it is generated.
    /// </summary>
    private void CollectDeclaredNames()
    {
        var declarations = new List<(string Name, string Declaration, bool Exact)>();
        foreach (var schema in SpecDocument.Members(SpecDocument.Get(SpecDocument.Get(_document.Root, "components"), "schemas")))
        {
            string? chosen = OverrideName(schema.Value, $"the schema '{schema.Key}'");
            string name = Unreserved(chosen ?? Naming.Identifier(schema.Key, "T"));
            _componentSchemaNames[schema.Key] = name;
            declarations.Add((name, SchemaDeclaration(schema.Key), chosen is not null || name == schema.Key));
        }

        foreach (var parameter in SpecDocument.Members(SpecDocument.Get(SpecDocument.Get(_document.Root, "components"), "parameters")))
        {
            SpecNode? schema = SpecDocument.Get(Deref(parameter.Value, report: false), "schema");
            if (schema is not null && SpecDocument.Get(schema, "$ref") is null &&
                (SpecDocument.Get(schema, "enum") is not null || IsObjectSchema(schema) || SpecDocument.Get(schema, "oneOf") is not null))
            {
                string name = Unreserved(Naming.Identifier(parameter.Key, "T"));
                declarations.Add((name, ParameterDeclaration(parameter.Key), name == parameter.Key));
            }
        }

        foreach (var declaration in declarations.Where(d => d.Exact).Concat(declarations.Where(d => !d.Exact)))
        {
            if (!_declaredTypeNames.ContainsKey(declaration.Name))
            {
                _declaredTypeNames[declaration.Name] = declaration.Declaration;
            }
        }
    }

    /// <summary>
    /// Reserves a type name the spec declares (<paramref name="declaration"/>: see <see cref="SchemaDeclaration"/>). It is
    /// this declaration's unless another declaration owns it: a true clash between two spec names, reported (TSG007)
    /// at <paramref name="node"/>, where this one gets a suffix derived from its key, stable as the spec grows.
    /// </summary>
    private string ReserveDeclaredName(string name, string declaration, SpecNode? node)
    {
        CheckTypeBudget(node);
        name = Unreserved(name);
        bool owned = !_declaredTypeNames.TryGetValue(name, out string? owner) || owner == declaration;
        if (owned && _typeNames.Add(name))
        {
            return name;
        }

        string candidate = Suffixed(name, DeclaredKey(declaration));
        Report(DiagnosticDescriptors.NameCollision, node, DeclaredKey(declaration), name, candidate);
        return candidate;
    }

    /// <summary>
    /// Reserves a type name the generator makes up. It yields, without a diagnostic, to every name the spec declares
    /// (generated yet or not) and to every name already given: then <paramref name="alternative"/> when there is one and it
    /// is free, else a suffix derived from <paramref name="distinction"/> (what tells this type from the other).
    /// </summary>
    private string ReserveMadeUpName(string name, Func<string> distinction, string? alternative = null)
    {
        if (TryReserveMadeUpName(name))
        {
            return name;
        }

        return alternative is not null && TryReserveMadeUpName(alternative) ? alternative : Suffixed(name, distinction());
    }

    private bool TryReserveMadeUpName(string name)
    {
        CheckTypeBudget(null);
        return !_declaredTypeNames.ContainsKey(name) && _typeNames.Add(name);
    }

    /// <summary>Whether a generated type may not take <paramref name="name"/> (see <see cref="Naming.ReservedTypeNamesIn"/>).</summary>
    private bool IsReservedTypeName(string name) => _reservedTypeNameSet.Contains(name);

    /// <summary>A name a generated type may not take gets a <c>Type</c> suffix.</summary>
    private string Unreserved(string name) => IsReservedTypeName(name) ? name + "Type" : name;

    private string Suffixed(string name, string source)
    {
        string candidate = name + "_" + Naming.ShortHash(source);
        while (_declaredTypeNames.ContainsKey(candidate) || !_typeNames.Add(candidate))
        {
            candidate += "_"; // two sources whose hashes collide as well: vanishingly rare
        }

        return candidate;
    }

    /// <summary>
    /// The name a <c>$ref</c> gives its target. A component schema is named after its key (or its <c>x-csharp-name</c>), and
    /// so is the inline schema of a component parameter; a reference elsewhere names its target after its last
    /// segment that is not a schema keyword (<c>#/components/headers/RateLimit/schema</c> → <c>RateLimit</c>), a made-up name.
    /// </summary>
    private (string Name, string? Declaration) ReferencedTypeName(string reference, string referenceName)
    {
        string[] parts = reference.Split('/');
        if (parts.Length == 4 && parts[0] == "#" && parts[1] == "components" && parts[2] == "schemas" &&
            _componentSchemaNames.TryGetValue(referenceName, out string? name))
        {
            return (name, SchemaDeclaration(referenceName));
        }

        if (parts.Length == 5 && parts[0] == "#" && parts[1] == "components" && parts[2] == "parameters" && parts[4] == "schema")
        {
            string key = Unescape(parts[3]);
            string parameterName = Naming.Identifier(key, "T");
            if (_declaredTypeNames.TryGetValue(parameterName, out string? owner) && owner == ParameterDeclaration(key))
            {
                return (parameterName, owner);
            }
        }

        string meaningful = parts.Skip(1).Reverse().Select(Unescape)
            .FirstOrDefault(p => p is not ("schema" or "items" or "properties" or "additionalProperties" or "content" or "allOf" or "oneOf" or "anyOf") &&
                                 !p.All(char.IsDigit) && p.IndexOf('/') < 0) ?? referenceName;
        return (Naming.Identifier(meaningful, "T"), null);

        static string Unescape(string segment) => Uri.UnescapeDataString(segment).Replace("~1", "/").Replace("~0", "~");
    }

    /// <summary>
    /// The name <c>x-csharp-name</c> gives <paramref name="node"/>, when it is a valid C# identifier. Any other value is
    /// reported (TSG015, once per node) and ignored: the derived name stands.
    /// </summary>
    private string? OverrideName(SpecNode? node, string what)
    {
        SpecNode? value = SpecDocument.Get(node, NameExtension);
        return value is null ? null : ValidName(value, what);
    }

    /// <summary><paramref name="value"/>'s text when it is a valid C# identifier; else reported (TSG015, once) and null.</summary>
    private string? ValidName(SpecNode value, string what)
    {
        string? text = SpecDocument.ScalarText(value);
        if (text is not null && IsValidIdentifier(text))
        {
            return text;
        }

        if (_reportedNames.Add(value))
        {
            Report(DiagnosticDescriptors.InvalidCSharpName, value, text ?? "(not a string)", what);
        }

        return null;
    }

    /// <summary>Names that would compile but mislead (<c>var</c>, <c>dynamic</c>) or discard (<c>_</c>).</summary>
    private static readonly HashSet<string> UnwantedNames = new(StringComparer.Ordinal) { "_", "var", "dynamic", "record", "file", "nameof" };

    /// <summary>
    /// An ASCII C# identifier that is not a keyword: a letter or <c>_</c>, then letters, digits and <c>_</c>, at most 128
    /// characters. ASCII only, as every derived name is, so that a name reads the same in every editor and file name.
    /// </summary>
    internal static bool IsValidIdentifier(string text)
    {
        if (text.Length is 0 or > 128 || UnwantedNames.Contains(text) ||
            Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(text) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None)
        {
            return false;
        }

        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool letter = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';
            if (!letter && !(i > 0 && c is >= '0' and <= '9'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Words that only join others: left dangling at the end of a name once the resource's words are gone.</summary>
    private static readonly HashSet<string> JoiningWords = new(StringComparer.OrdinalIgnoreCase) { "For", "By", "Of", "In", "On", "From", "To", "With", "At", "And", "Or", "A", "An", "The" };

    /// <summary>
    /// Verbs that say what an HTTP method's usual method name says, so that the usual name (the one the official
    /// SDKs use: <c>List</c>, <c>Retrieve</c>, <c>Create</c>, <c>Update</c>, <c>Delete</c>) does not contradict the operationId.
    /// </summary>
    private static readonly HashSet<string> ListVerbs = new(StringComparer.OrdinalIgnoreCase) { "List", "GetAll", "ListAll", "All", "Index" };
    private static readonly HashSet<string> GetVerbs = new(StringComparer.OrdinalIgnoreCase) { "Get", "Retrieve", "Fetch", "Read", "Show", "Describe" };
    private static readonly HashSet<string> CreateVerbs = new(StringComparer.OrdinalIgnoreCase) { "Create", "Add", "New", "Post", "Insert" };
    private static readonly HashSet<string> UpdateVerbs = new(StringComparer.OrdinalIgnoreCase) { "Update", "Patch", "Modify", "Edit" };
    private static readonly HashSet<string> ReplaceVerbs = new(StringComparer.OrdinalIgnoreCase) { "Replace", "Put", "Set" };
    private static readonly HashSet<string> DeleteVerbs = new(StringComparer.OrdinalIgnoreCase) { "Delete", "Remove", "Destroy", "Del" };

    /// <summary>
    /// A method's name from its operationId, shortened by its resource's name: the words left once every word of the
    /// resource chain (singular or plural) and of the path parameters' names is taken out, with a trailing <c>By</c> + the
    /// path parameter's name (<c>ByName</c> for <c>{username}</c>) and joining words left dangling (<c>For</c>) dropped. Nothing left, or one verb that means the HTTP
    /// method's usual name (<c>listWidgets</c>, <c>getWidget</c>, <c>CreateAccessIPRange</c>, <c>removeFqdn</c>) gives that
    /// usual name (<paramref name="conventional"/>: <c>List</c>, <c>Retrieve</c>, <c>Create</c>, <c>Update</c>,
    /// <c>Replace</c>, <c>Delete</c>), except that a list verb, or a get that names its collection in the plural
    /// (<c>getProjects</c>), always gives <c>List</c>; anything else is kept as the
    /// operationId says it (<c>ListByOwner</c>, <c>CheckRegistrationStatus</c>, <c>UploadFile</c>).
    /// </summary>
    private static string MethodName(RawOperation raw, List<string> chain, List<PathPart> parts, string conventional, bool endsWithParameter, bool isList)
    {
        var chainWords = chain.SelectMany(literal => Naming.IdentifierWords(Naming.Identifier(literal))).ToList();
        var parameterWords = parts.Where(p => p.IsParameter).SelectMany(p => Naming.IdentifierWords(Naming.Identifier(p.Text))).ToList();
        if (parameterWords.Count > 0)
        {
            parameterWords.Add("Id"); // getFilesIdId for /files/{namespace}/{key}: an id stands for a path parameter
        }

        List<string> words = Naming.IdentifierWords(Naming.Identifier(raw.OperationId)).Where(word => word.Length > 0)
            .Select(word => SplitVerb(word, chainWords)).ToList();
        var removed = new bool[words.Count];
        for (int i = 0; i < words.Count; i++)
        {
            // A resource's one word may be several in the operationId: workflowscheme, getWorkflowScheme.
            for (int length = Math.Min(3, words.Count - i); length >= 1; length--)
            {
                string run = string.Concat(words.Skip(i).Take(length));
                if (chainWords.Any(c => SameWord(c, run)) || (length == 1 && parameterWords.Any(p => p.Equals(run, StringComparison.OrdinalIgnoreCase))))
                {
                    for (int j = i; j < i + length; j++)
                    {
                        removed[j] = true;
                    }

                    break;
                }
            }
        }

        var kept = words.Where((_, i) => !removed[i]).ToList();

        // getProjects on /projects names the collection in the plural: a list, whatever its response looks like.
        string? last = chainWords.LastOrDefault();
        bool namesCollection = !endsWithParameter && last is not null && last.EndsWith("s", StringComparison.OrdinalIgnoreCase) &&
                               words.Any(word => word.Equals(last, StringComparison.OrdinalIgnoreCase));

        if (parts.LastOrDefault(p => p.IsParameter) is { } parameter)
        {
            string parameterName = Naming.Identifier(parameter.Text);
            int by = kept.FindLastIndex(word => word.Equals("By", StringComparison.OrdinalIgnoreCase));
            if (by > 0 && by < kept.Count - 1 && kept.Skip(by + 1).All(word => parameterName.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0))
            {
                kept.RemoveRange(by, kept.Count - by);
            }
        }

        while (kept.Count > 0 && JoiningWords.Contains(kept[kept.Count - 1]))
        {
            kept.RemoveAt(kept.Count - 1);
        }

        string rest = string.Concat(kept);
        if (rest.Length == 0)
        {
            return conventional;
        }

        string? usual = raw.Method switch
        {
            "get" when ListVerbs.Contains(rest) => "List",
            "get" when GetVerbs.Contains(rest) => !endsWithParameter && (isList || namesCollection) ? "List" : "Retrieve",
            "post" when CreateVerbs.Contains(rest) => "Create",
            "patch" when UpdateVerbs.Contains(rest) => "Update",
            "put" when UpdateVerbs.Contains(rest) => "Update",
            "put" when ReplaceVerbs.Contains(rest) => conventional,
            "delete" when DeleteVerbs.Contains(rest) => "Delete",
            _ => null,
        };
        return usual ?? Naming.Identifier(rest);
    }

    /// <summary>A verb run into the resource's name (<c>Listcats</c> on <c>/cats</c>) is the verb alone.</summary>
    private static string SplitVerb(string word, List<string> chainWords)
    {
        foreach (string verb in ListVerbs.Concat(GetVerbs).Concat(CreateVerbs).Concat(UpdateVerbs).Concat(ReplaceVerbs).Concat(DeleteVerbs))
        {
            if (word.Length > verb.Length && word.StartsWith(verb, StringComparison.OrdinalIgnoreCase) &&
                chainWords.Any(c => SameWord(c, word.Substring(verb.Length))))
            {
                return word.Substring(0, verb.Length);
            }
        }

        return word;
    }

    /// <summary>The first word of an identifier (<c>UploadImage</c> → <c>Upload</c>).</summary>
    private static string FirstWord(string identifier) => Naming.IdentifierWords(identifier).FirstOrDefault() ?? "";

    /// <summary>Whether two words are one, ignoring case and a plural ending (<c>Range</c>, <c>ranges</c>; <c>Policy</c>, <c>Policies</c>).</summary>
    private static bool SameWord(string a, string b)
    {
        return a.Length > 0 && string.Equals(Stem(a), Stem(b), StringComparison.OrdinalIgnoreCase);

        static string Stem(string word)
        {
            string lower = word.ToLowerInvariant();
            if (lower.EndsWith("uses", StringComparison.Ordinal) && lower.Length > 5)
            {
                lower = lower.Substring(0, lower.Length - 2); // statuses → status
            }

            if (lower.EndsWith("ies", StringComparison.Ordinal) && lower.Length > 3)
            {
                return lower.Substring(0, lower.Length - 3) + "y";
            }

            if (lower.EndsWith("sses", StringComparison.Ordinal) || lower.EndsWith("xes", StringComparison.Ordinal) ||
                lower.EndsWith("ches", StringComparison.Ordinal) || lower.EndsWith("shes", StringComparison.Ordinal))
            {
                return lower.Substring(0, lower.Length - 2);
            }

            return lower.EndsWith("s", StringComparison.Ordinal) && !lower.EndsWith("ss", StringComparison.Ordinal) && lower.Length > 1
                ? lower.Substring(0, lower.Length - 1)
                : lower;
        }
    }

    /// <summary>
    /// A made-up name, or <paramref name="alternative"/> when the name is declared by the spec or taken and the
    /// alternative is not (<c>AddFollowersRequest</c> → <c>AddFollowersRequestBody</c>); reserved later, where it is used.
    /// </summary>
    private string PreferredMadeUpName(string name, string alternative) =>
        IsFree(name) || !IsFree(alternative) ? name : alternative;

    private bool IsFree(string name) => !_declaredTypeNames.ContainsKey(name) && !_typeNames.Contains(name);

    /// <summary>
    /// A member name unique within its type. A name the type itself uses (its own name, its methods) gets a
    /// <c>Value</c> suffix; two spec names that become one identifier: the later one gets a suffix derived from its
    /// spec name, never a counter, so that names do not shift when the spec gains members.
    /// </summary>
    private static string UniqueMemberName(string name, string typeName, HashSet<string> taken, string source)
    {
        if (name == typeName || Naming.ReservedMemberNames.Contains(name))
        {
            name += "Value";
        }

        if (taken.Add(name))
        {
            return name;
        }

        string candidate = name + "_" + Naming.ShortHash(source);
        while (!taken.Add(candidate))
        {
            candidate += "_";
        }

        return candidate;
    }

    /// <summary>
    /// A member's name before it is made unique: a dotted wire name (<c>outbound.outbound_voice_profile_id</c>) joined
    /// without repeated words (<see cref="Naming.MemberIdentifier"/>), unless a sibling's wire name already means that
    /// name (<c>outbound_voice_profile_id</c>): then the words stay, so that neither member depends on the other's order.
    /// </summary>
    private static string MemberName(string wireName, IEnumerable<string> siblingWireNames)
    {
        string joined = Naming.MemberIdentifier(wireName);
        string plain = Naming.Identifier(wireName);
        return joined != plain && siblingWireNames.Any(s => s != wireName && Naming.Identifier(s) == joined) ? plain : joined;
    }
}
