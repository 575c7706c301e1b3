using System.Globalization;
using System.Text;

namespace Telnyx.Sip.Generator.Emit;

/// <summary>
/// The one way spec text reaches emitted code: a function per output context. A spec is input from a stranger, so
/// every character that could end the context it is written into (a line break of any kind ends a comment; a quote or
/// backslash ends or bends a string literal; <c>&lt;</c> and <c>&amp;</c> start markup in a documentation comment) is
/// made inert here. Identifiers are made by <see cref="Model.Naming"/>, which keeps only ASCII letters and digits.
/// </summary>
/// <remarks>
/// <see cref="SourceWriter.Line"/> refuses a line that contains a line break, so text that skipped these functions
/// fails the generator (TSG999) instead of becoming code; <c>EscapingTests</c> scans the emitters for such text.
/// </remarks>
internal static class Escape
{
    /// <summary>A C# regular string literal, quotes included: only printable ASCII is written as itself.</summary>
    public static string Literal(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 32 || c > 126)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>
    /// A C# verbatim string literal (<c>@"…"</c>), quotes included. A verbatim literal cannot escape a line break, and
    /// a line break must never reach a generated line, so text with one (or with any other control character) is
    /// written as a regular literal instead: the value is the same.
    /// </summary>
    public static string VerbatimLiteral(string text)
    {
        foreach (char c in text)
        {
            if (IsLineBreak(c) || char.IsControl(c) || char.IsSurrogate(c))
            {
                return Literal(text);
            }
        }

        return "@\"" + text.Replace("\"", "\"\"") + "\"";
    }

    /// <summary>Text for a <c>//</c> comment: line breaks and control characters become spaces.</summary>
    public static string Comment(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(IsLineBreak(c) || char.IsControl(c) ? ' ' : c);
        }

        return ReplaceLoneSurrogates(builder);
    }

    /// <summary>
    /// Text for a documentation comment (an element's content or an attribute value) with no markup of its own: the XML
    /// specials are escaped, line breaks and control characters become spaces, and characters XML cannot hold
    /// (lone surrogates, U+FFFE, U+FFFF) become U+FFFD.
    /// </summary>
    public static string Xml(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            AppendXml(builder, c);
        }

        return ReplaceLoneSurrogates(builder);
    }

    /// <summary>Appends one character of XML documentation text, escaped.</summary>
    internal static void AppendXml(StringBuilder builder, char c)
    {
        switch (c)
        {
            case '&': builder.Append("&amp;"); break;
            case '<': builder.Append("&lt;"); break;
            case '>': builder.Append("&gt;"); break;
            case '"': builder.Append("&quot;"); break;
            case '\uFFFE' or '\uFFFF': builder.Append('\uFFFD'); break;
            default:
                builder.Append(IsLineBreak(c) || char.IsControl(c) ? ' ' : c);
                break;
        }
    }

    /// <summary>
    /// A hint name (the generated file's name): letters, digits, <c>.</c>, <c>_</c> and <c>-</c> stay, anything else
    /// becomes <c>_</c>, so that no path separator, wildcard or reserved character reaches the compiler's file names.
    /// </summary>
    public static string HintName(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-' ? c : '_');
        }

        return builder.ToString();
    }

    /// <summary>
    /// The characters C# ends a line at (ECMA-334 §6.3.2: CR, LF, U+0085, U+2028, U+2029), and the two other
    /// characters some editors and tools break lines at (vertical tab, form feed).
    /// </summary>
    public static bool IsLineBreak(char c) => c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029' or '\v' or '\f';

    /// <summary>Whether <paramref name="text"/> has a character that would end a generated line.</summary>
    public static int IndexOfLineBreak(string text) => text.IndexOfAny(LineBreaks);

    private static readonly char[] LineBreaks = ['\r', '\n', '\u0085', '\u2028', '\u2029', '\v', '\f'];

    /// <summary>Replaces a surrogate without its pair, which no UTF-8 file and no XML document can hold, with U+FFFD.</summary>
    internal static string ReplaceLoneSurrogates(StringBuilder builder)
    {
        for (int i = 0; i < builder.Length; i++)
        {
            char c = builder[i];
            if (char.IsHighSurrogate(c) && i + 1 < builder.Length && char.IsLowSurrogate(builder[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                builder[i] = '\uFFFD';
            }
        }

        return builder.ToString();
    }
}
