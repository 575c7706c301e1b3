using System;

namespace Telnyx.Sip.Generator.Reading;

/// <summary>What a file's top-level keys say it is, found by a scan of the text rather than a parse.</summary>
internal enum SpecKind
{
    None,
    OpenApi,

    /// <summary>A Swagger 2.0 document (<c>swagger: "2.0"</c>): reported, not generated.</summary>
    Swagger,
}

/// <summary>
/// Finds a top-level <c>openapi</c> (or <c>swagger</c>) key anywhere in a YAML or JSON document with one pass over
/// the characters, so that a spec whose keys are sorted (<c>components</c> before <c>openapi</c>) is still found and
/// the document is parsed only once, by the model builder.
/// </summary>
internal static class SpecDetection
{
    public static SpecKind Detect(string text)
    {
        int start = 0;
        while (start < text.Length && text[start] is '\uFEFF' or ' ' or '\t' or '\r' or '\n')
        {
            start++;
        }

        return start < text.Length && text[start] == '{' ? DetectJson(text, start) : DetectYaml(text);
    }

    /// <summary>YAML: an unindented line that starts with the key, plain or quoted.</summary>
    private static SpecKind DetectYaml(string text)
    {
        SpecKind found = SpecKind.None;
        for (int line = 0; line < text.Length;)
        {
            SpecKind kind = KeyAt(text, line, quoted: false);
            if (kind == SpecKind.OpenApi)
            {
                return kind;
            }

            if (kind == SpecKind.Swagger)
            {
                found = kind;
            }

            int next = text.IndexOf('\n', line);
            line = next < 0 ? text.Length : next + 1;
        }

        return found;
    }

    /// <summary>JSON: a member name at depth one, outside every string.</summary>
    private static SpecKind DetectJson(string text, int start)
    {
        SpecKind found = SpecKind.None;
        int depth = 0;
        for (int i = start; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    depth--;
                    break;
                case '"':
                    if (depth == 1 && text[i - 1] is '{' or ',' or ' ' or '\t' or '\r' or '\n')
                    {
                        SpecKind kind = KeyAt(text, i, quoted: true);
                        if (kind == SpecKind.OpenApi)
                        {
                            return kind;
                        }

                        if (kind == SpecKind.Swagger)
                        {
                            found = kind;
                        }
                    }

                    i = EndOfString(text, i);
                    break;
            }
        }

        return found;
    }

    /// <summary>The index of the closing quote of the JSON string opened at <paramref name="open"/>.</summary>
    private static int EndOfString(string text, int open)
    {
        for (int i = open + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i;
            }
        }

        return text.Length;
    }

    private static SpecKind KeyAt(string text, int at, bool quoted)
    {
        if (Matches(text, at, "openapi", quoted))
        {
            return SpecKind.OpenApi;
        }

        return Matches(text, at, "swagger", quoted) ? SpecKind.Swagger : SpecKind.None;
    }

    /// <summary>Whether <paramref name="key"/> (bare, or in the quotes YAML and JSON allow) followed by a colon starts at <paramref name="at"/>.</summary>
    private static bool Matches(string text, int at, string key, bool quoted)
    {
        char quote = at < text.Length && text[at] is '"' or '\'' ? text[at] : '\0';
        if (quoted && quote != '"')
        {
            return false;
        }

        int i = at + (quote == '\0' ? 0 : 1);
        if (string.CompareOrdinal(text, i, key, 0, key.Length) != 0)
        {
            return false;
        }

        i += key.Length;
        if (quote != '\0')
        {
            if (i >= text.Length || text[i] != quote)
            {
                return false;
            }

            i++;
        }

        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }

        return i < text.Length && text[i] == ':';
    }
}
