using System;
using System.Text;

namespace Telnyx.Sip.Generator.Emit;

/// <summary>A small indentation-aware text writer for generated C#.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public SourceWriter Line(string text = "")
    {
        // Spec text reaches a line only through Escape; a line break here would let it out of its comment or literal.
        if (Escape.IndexOfLineBreak(text) is var at and >= 0)
        {
            throw new InvalidOperationException($"A generated line contains a line break (U+{(int)text[at]:X4}) at {at}: spec text was not escaped for its context.");
        }

        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
        }

        _builder.Append(text).Append('\n');
        return this;
    }

    public void Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
    }

    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    public void Indent() => _indent++;

    public void Outdent() => _indent--;

    /// <summary>Writes a <c>&lt;summary&gt;</c> (and <c>&lt;remarks&gt;</c>) block; text is escaped and wrapped.</summary>
    public void Doc(string tag, string? text, string? attribute = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        string open = attribute is null ? $"<{tag}>" : $"<{tag} {attribute}>";
        string body = XmlDoc.Text(text!);
        var lines = XmlDoc.Wrap(body, 100);
        if (lines.Count == 1 && lines[0].Length + open.Length * 2 < 100)
        {
            Line($"/// {open}{lines[0]}</{tag}>");
            return;
        }

        Line($"/// {open}");
        foreach (string line in lines)
        {
            Line("/// " + line);
        }

        Line($"/// </{tag}>");
    }

    /// <summary>Writes doc lines that are already XML.</summary>
    public void RawDoc(string xml) => Line("/// " + xml);

    public override string ToString() => _builder.ToString();
}

/// <summary>Turns spec prose (Markdown with some HTML) into XML documentation text.</summary>
internal static class XmlDoc
{
    public static string Text(string text)
    {
        var builder = new StringBuilder(text.Length);

        // The open code spans: true for a backtick span, false for a <code> element. Every span is closed by the end,
        // and a stray </code> or a span opened by one kind and closed by the other never unbalances the XML.
        var open = new System.Collections.Generic.List<bool>();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '<')
            {
                int close = text.IndexOf('>', i);
                if (close > i)
                {
                    string tag = text.Substring(i + 1, close - i - 1).Trim().ToLowerInvariant();
                    if (tag == "code")
                    {
                        builder.Append("<c>");
                        open.Add(false);
                        i = close;
                        continue;
                    }

                    if (tag == "/code")
                    {
                        int at = open.LastIndexOf(false);
                        for (int k = open.Count - 1; k >= at && at >= 0; k--)
                        {
                            builder.Append("</c>");
                            open.RemoveAt(k);
                        }

                        i = close;
                        continue;
                    }

                    if (IsHtmlTag(tag))
                    {
                        builder.Append(tag.StartsWith("br", StringComparison.Ordinal) || tag is "li" or "/li" or "p" or "/p" ? " " : "");
                        i = close;
                        continue;
                    }
                }

                builder.Append("&lt;");
            }
            else if (c == '`')
            {
                if (open.Count > 0 && open[open.Count - 1])
                {
                    builder.Append("</c>");
                    open.RemoveAt(open.Count - 1);
                }
                else
                {
                    builder.Append("<c>");
                    open.Add(true);
                }
            }
            else if (c == '"')
            {
                builder.Append(c);
            }
            else
            {
                Escape.AppendXml(builder, c);
            }
        }

        for (int k = 0; k < open.Count; k++)
        {
            builder.Append("</c>");
        }

        return Collapse(Escape.ReplaceLoneSurrogates(builder));
    }

    private static bool IsHtmlTag(string tag)
    {
        string name = tag.TrimStart('/').TrimEnd('/').Trim();
        int space = name.IndexOf(' ');
        if (space > 0)
        {
            name = name.Substring(0, space);
        }

        return name is "br" or "ul" or "ol" or "li" or "p" or "b" or "i" or "em" or "strong" or "a" or "span" or "div" or "pre" or "sup" or "sub" or "u";
    }

    private static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text.Trim())
        {
            if (c == ' ')
            {
                if (!space)
                {
                    builder.Append(c);
                }

                space = true;
            }
            else
            {
                builder.Append(c);
                space = false;
            }
        }

        return builder.ToString();
    }

    public static System.Collections.Generic.List<string> Wrap(string text, int width)
    {
        var lines = new System.Collections.Generic.List<string>();
        var line = new StringBuilder();
        foreach (string word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }
}
