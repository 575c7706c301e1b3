using System.Text;
using System.Text.RegularExpressions;

namespace Telnyx.Sip.Generator.Reading;

/// <summary>
/// Works around a gap in YamlDotNet (16.3 and 18.1): a literal or folded block scalar whose leading lines hold only
/// spaces, more of them than the lines after, is refused ("found extra spaces in first line"), although YAML 1.2
/// allows it when no content line follows (the indentation is then that of the longest such line). Such leading lines
/// are empty lines of the scalar whatever their spaces, so emptying them keeps the value, and keeps every line and
/// every other column where it was: diagnostics still point at the original text.
/// </summary>
internal static class BlockScalarFix
{
    /// <summary>A line that ends in a block scalar header without an explicit indentation: <c>key: |</c>, <c>- &gt;-</c>, <c>key: |+ # note</c>.</summary>
    private static readonly Regex Header = new(@"(^|:|-)[ \t]+[|>][+-]?[ \t]*(#.*)?\r?$", RegexOptions.CultureInvariant);

    public static string Apply(string text, System.Threading.CancellationToken cancellationToken = default)
    {
        if (text.IndexOf('|') < 0 && text.IndexOf('>') < 0)
        {
            return text;
        }

        StringBuilder? fixedText = null;
        int lineStart = 0;
        bool afterHeader = false;
        int lines = 0;
        while (lineStart < text.Length)
        {
            if (++lines % SpecBudgets.CancellationInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            int end = text.IndexOf('\n', lineStart);
            int lineEnd = end < 0 ? text.Length : end;
            int contentEnd = lineEnd > lineStart && text[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            bool blank = IsSpaces(text, lineStart, contentEnd);
            if (afterHeader && blank && contentEnd > lineStart)
            {
                fixedText ??= new StringBuilder(text, 0, lineStart, text.Length);
                fixedText.Append(text, contentEnd, lineEnd - contentEnd);
            }
            else
            {
                fixedText?.Append(text, lineStart, lineEnd - lineStart);
                afterHeader = blank ? afterHeader : Header.IsMatch(text.Substring(lineStart, lineEnd - lineStart));
            }

            if (end < 0)
            {
                break;
            }

            fixedText?.Append('\n');
            lineStart = end + 1;
        }

        return fixedText?.ToString() ?? text;
    }

    private static bool IsSpaces(string text, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            if (text[i] != ' ')
            {
                return false;
            }
        }

        return true;
    }
}
