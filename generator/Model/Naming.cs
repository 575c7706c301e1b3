using System;
using System.Collections.Generic;
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
