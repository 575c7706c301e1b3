using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Telnyx.Sip.Generator.Model;

/// <summary>Turns spec names and wire values into C# identifiers.</summary>
internal static class Naming
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>
    /// Members that generated types declare or inherit (from the runtime's <c>GeneratedModel</c>, or in every enum,
    /// union and query class): a spec member of one of these names gets a <c>Value</c> suffix, and a type of one of
    /// these names a <c>Type</c> suffix (a class cannot declare a member named like itself: CS0542). A test derives the
    /// runtime's part of this list from the runtime assembly, so that a runtime change cannot silently break it.
    /// </summary>
    public static readonly HashSet<string> ReservedMemberNames = new(StringComparer.Ordinal)
    {
        "AdditionalProperties", "ReadJson", "WriteJson", "MemberIndex", "AppendQuery", "ToString", "Equals", "GetHashCode",
        "GetType", "Value", "Descending", "IsKnown", "FromWire", "WireValues", "MemberwiseClone", "Finalize", "ReferenceEquals", "Json", "Discriminator",

        // Inherited from the runtime's GeneratedModel, or nested in every enum.
        "IsSet", "Unset", "Validate", "ModelInfo", "ReadMember", "WriteMember", "ReadObject", "ReadChild", "ReadChildren",
        "ReadChildMap", "GetOptional", "GetRequired", "GetRequiredValue", "SetNullable", "SetOptional", "EnumOrNull", "Wire",
        "IsMarked", "IndexOrThrow",
    };

    /// <summary>
    /// The runtime's public types: a generated type of one of these names, in the runtime's namespace, would conflict
    /// with it (CS0436). Checked against the runtime assembly by a test.
    /// </summary>
    public static readonly HashSet<string> RuntimeTypeNames = new(StringComparer.Ordinal)
    {
        "ApiAuthentication", "ApiClientException", "ApiConnectionException", "ApiDescriptor", "ApiError", "ApiItemStream",
        "ApiException", "ApiPipeline", "ApiRequest", "ApiResponse", "ApiSerializationException", "ApiStreamEvent", "ApiStreamResponse",
        "ApiTimeoutException", "AsyncPageable", "BadRequestException", "ClientOptions", "ConflictException",
        "ErrorBodyReader", "ForbiddenException", "GeneratedModel", "GeneratedModelInfo", "IJsonEnum", "IJsonModel", "ItemStreamFormat",
        "JsonEnumConverter", "JsonModel", "JsonModelConverter", "JsonModelReader", "JsonRead", "JsonReadFunc", "JsonWrite",
        "MultipartBody", "NotFoundException", "Page", "PageMeta", "Pageables", "PathSegment", "QueryBuilder",
        "RateLimitException", "RequestOptions", "SecurityScheme", "SecuritySchemeKind", "ServerException",
        "TelemetryNames", "UnauthorizedException", "UnexpectedStatusException", "UnionMatch",
        "UnprocessableEntityException", "WebhookFailure", "WebhookReceiver", "WebhookScheme", "WebhookSignature",
        "WebhookSignatureKind", "WebhookVerificationException",
    };

    /// <summary>The runtime's namespace, as the emitted code names it.</summary>
    public const string RuntimeNamespace = "Telnyx.Sip.Runtime";

    /// <summary>
    /// The type names a client generated into <paramref name="ns"/> may not take besides <see cref="ReservedMemberNames"/>:
    /// in the runtime's own namespace, the runtime's types (CS0436); in a namespace that contains the runtime's, the
    /// name of the next segment (a type <c>Telnyx.Sip.Runtime</c> would hide the namespace every generated file names).
    /// Elsewhere a schema keeps a runtime type's name: the generated code names runtime types <c>global::</c>-qualified.
    /// </summary>
    public static IEnumerable<string> ReservedTypeNamesIn(string ns)
    {
        if (ns == RuntimeNamespace)
        {
            return RuntimeTypeNames;
        }

        string[] runtime = RuntimeNamespace.Split('.');
        string[] own = ns.Split('.');
        bool contains = own.Length < runtime.Length && own.Select((segment, i) => segment == runtime[i]).All(same => same);
        return contains ? new[] { runtime[own.Length] } : Array.Empty<string>();
    }

    /// <summary>
    /// Splits on anything that is not a letter or digit and on lower-to-upper case changes, then capitalises each
    /// word: <c>"Chicago, IL"</c> → <c>ChicagoIL</c>, <c>"RFC 2833"</c> → <c>Rfc2833</c>, <c>timeout_2xx_secs</c> →
    /// <c>Timeout2xxSecs</c>. Words of three or more capitals become title case; one- and two-letter ones stay.
    /// </summary>
    public static string Pascal(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (string word in Words(text))
        {
            if (word.Length > 2 && IsAllUpper(word))
            {
                builder.Append(word[0]).Append(word.Substring(1).ToLowerInvariant());
            }
            else
            {
                builder.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
            }
        }

        return builder.ToString();
    }

    /// <summary>Identifiers longer than this are cut and given a hash of the whole, to stay readable and unique.</summary>
    private const int MaxLength = 96;

    /// <summary>A C# identifier for a type or member; prefixes <paramref name="digitPrefix"/> when it would start with a digit.</summary>
    public static string Identifier(string text, string digitPrefix = "_")
    {
        string name = Pascal(text);
        if (name.Length == 0)
        {
            return "Empty";
        }

        if (name.Length > MaxLength)
        {
            name = name.Substring(0, MaxLength - 8) + "_" + ShortHash(text);
        }

        return char.IsDigit(name[0]) ? digitPrefix + name : name;
    }

    /// <summary>Six hex digits of an FNV-1a hash: the same text gives the same suffix in every build.</summary>
    public static string ShortHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = unchecked((hash ^ c) * 16777619);
        }

        return (hash & 0xFFFFFF).ToString("x6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// <paramref name="text"/> when it is already a valid C# identifier and no keyword (names the user chose in the
    /// project, such as <c>OpenApiClientName</c>, are kept as written), else <see cref="Identifier"/> of it.
    /// </summary>
    public static string ValidIdentifierOr(string text) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(text) &&
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(text) == Microsoft.CodeAnalysis.CSharp.SyntaxKind.None &&
        text != "global"
            ? text
            : Identifier(text);

    /// <summary>A namespace: each dotted part a valid identifier (see <see cref="ValidIdentifierOr"/>).</summary>
    public static string Namespace(string text)
    {
        var parts = new List<string>();
        foreach (string part in text.Split('.'))
        {
            parts.Add(ValidIdentifierOr(part));
        }

        return string.Join(".", parts);
    }

    /// <summary>A camelCase parameter name, escaped with <c>@</c> when it is a keyword.</summary>
    public static string Parameter(string text)
    {
        string name = Identifier(text, "p");
        name = char.ToLowerInvariant(name[0]) + name.Substring(1);
        return Keywords.Contains(name) ? "@" + name : name;
    }

    /// <summary>
    /// A C# name for an enum value. A leading <c>+</c> becomes <c>Plus</c>; a leading <c>-</c> (the API's descending
    /// sort) becomes a <c>Descending</c> suffix; digits first get a <c>V</c> (<c>"1"</c> → <c>V1</c>).
    /// </summary>
    public static string EnumMember(string value)
    {
        string trimmed = value.Trim();
        if (trimmed.StartsWith("-", StringComparison.Ordinal) && trimmed.Length > 1)
        {
            return Identifier(trimmed.Substring(1), "V") + "Descending";
        }

        if (trimmed.StartsWith("+", StringComparison.Ordinal))
        {
            return "Plus" + Identifier(trimmed.Substring(1), "");
        }

        return Identifier(trimmed, "V");
    }

    /// <summary>
    /// Where each word of a PascalCase identifier starts: at a capital after a small letter or digit, and at the last
    /// capital of a run followed by a small letter (<c>IPAddress</c> → <c>IP</c>, <c>Address</c>).
    /// </summary>
    public static List<int> WordStarts(string identifier)
    {
        var starts = new List<int>();
        for (int i = 0; i < identifier.Length; i++)
        {
            char c = identifier[i];
            if (!char.IsLetterOrDigit(c))
            {
                continue;
            }

            bool start = i == 0 || !char.IsLetterOrDigit(identifier[i - 1]) ||
                         (char.IsUpper(c) && (char.IsLower(identifier[i - 1]) || char.IsDigit(identifier[i - 1]) ||
                                              (char.IsUpper(identifier[i - 1]) && i + 1 < identifier.Length && char.IsLower(identifier[i + 1]))));
            if (start)
            {
                starts.Add(i);
            }
        }

        return starts;
    }

    /// <summary>The words of a PascalCase identifier (<c>IpAuthenticationMethod</c> → <c>Ip</c>, <c>Authentication</c>, <c>Method</c>).</summary>
    public static List<string> IdentifierWords(string identifier)
    {
        List<int> starts = WordStarts(identifier);
        var words = new List<string>(starts.Count);
        for (int i = 0; i < starts.Count; i++)
        {
            int end = i + 1 < starts.Count ? starts[i + 1] : identifier.Length;
            string word = identifier.Substring(starts[i], end - starts[i]).TrimEnd('_');
            words.Add(word);
        }

        return words;
    }

    /// <summary>
    /// <paramref name="owner"/> followed by <paramref name="name"/>, without saying twice what the owner's name ends with
    /// and the other name begins with: <c>OutboundIp</c> + <c>IpAuthenticationMethod</c> →
    /// <c>OutboundIpAuthenticationMethod</c>, <c>Outbound</c> + <c>OutboundVoiceProfileId</c> → <c>OutboundVoiceProfileId</c>.
    /// When <paramref name="name"/> only repeats the owner's last words (<c>RegistrationStatus</c> + <c>Status</c>), the
    /// result is the owner with <paramref name="whenRepeated"/> (<c>RegistrationStatusValue</c>).
    /// </summary>
    public static string Join(string owner, string name, string whenRepeated = "Value")
    {
        List<string> ownerWords = IdentifierWords(owner);
        List<int> nameStarts = WordStarts(name);
        List<string> nameWords = IdentifierWords(name);
        for (int count = Math.Min(ownerWords.Count, nameWords.Count); count > 0; count--)
        {
            bool repeated = true;
            for (int i = 0; i < count && repeated; i++)
            {
                repeated = string.Equals(ownerWords[ownerWords.Count - count + i], nameWords[i], StringComparison.OrdinalIgnoreCase);
            }

            if (repeated)
            {
                return count == nameWords.Count ? owner + whenRepeated : owner + name.Substring(nameStarts[count]);
            }
        }

        return owner + name;
    }

    /// <summary>
    /// A member name for a wire name made of dotted parts (<c>outbound.outbound_voice_profile_id</c>): the parts joined
    /// without repeating words (<c>OutboundVoiceProfileId</c>). Other wire names are <see cref="Identifier"/>'s.
    /// </summary>
    public static string MemberIdentifier(string wireName)
    {
        if (wireName.IndexOf('.') <= 0)
        {
            return Identifier(wireName);
        }

        string joined = "";
        foreach (string part in wireName.Split(new[] { '.' }, StringSplitOptions.RemoveEmptyEntries))
        {
            string piece = Pascal(part);
            joined = joined.Length == 0 ? piece : piece.Length == 0 ? joined : Join(joined, piece, "");
        }

        return joined.Length == 0 || joined.Length > MaxLength || char.IsDigit(joined[0]) ? Identifier(wireName) : joined;
    }

    /// <summary>A naive English singular, for naming the item type of a list (<c>errors</c> → <c>Error</c>).</summary>
    public static string Singular(string name)
    {
        if (name.EndsWith("ies", StringComparison.Ordinal) && name.Length > 3)
        {
            return name.Substring(0, name.Length - 3) + "y";
        }

        if (name.EndsWith("sses", StringComparison.Ordinal) || name.EndsWith("xes", StringComparison.Ordinal))
        {
            return name.Substring(0, name.Length - 2);
        }

        if (name.EndsWith("s", StringComparison.Ordinal) && !name.EndsWith("ss", StringComparison.Ordinal) && name.Length > 1)
        {
            return name.Substring(0, name.Length - 1);
        }

        return name + "Item";
    }

    private static IEnumerable<string> Words(string text)
    {
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool isWordChar = i < text.Length && char.IsLetterOrDigit(text[i]) && text[i] < 128;
            bool boundary = isWordChar && start >= 0 && char.IsUpper(text[i]) && char.IsLower(text[i - 1]);
            if (start >= 0 && (!isWordChar || boundary))
            {
                yield return text.Substring(start, i - start);
                start = -1;
            }

            if (isWordChar && start < 0)
            {
                start = i;
            }
        }
    }

    private static bool IsAllUpper(string word)
    {
        bool anyLetter = false;
        foreach (char c in word)
        {
            if (char.IsLetter(c))
            {
                anyLetter = true;
                if (!char.IsUpper(c))
                {
                    return false;
                }
            }
        }

        return anyLetter;
    }
}
