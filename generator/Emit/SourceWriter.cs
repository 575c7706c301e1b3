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
        bool inCode = false;
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
                        i = close;
                        continue;
                    }

                    if (tag == "/code")
                    {
                        builder.Append("</c>");
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
            else if (c == '>')
            {
                builder.Append("&gt;");
            }
            else if (c == '&')
            {
                builder.Append("&amp;");
            }
            else if (c == '`')
            {
                builder.Append(inCode ? "</c>" : "<c>");
                inCode = !inCode;
            }
            else if (c is '\r' or '\n' or '\t')
            {
                builder.Append(' ');
            }
            else
            {
                builder.Append(c);
            }
        }

        if (inCode)
        {
            builder.Append("</c>");
        }

        return Collapse(builder.ToString());
    }

    /// <summary>Escapes text for an XML attribute or element without any Markdown handling.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");

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
