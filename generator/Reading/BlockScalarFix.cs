using System.Text;

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
                afterHeader = blank ? afterHeader : IsHeader(text, lineStart, contentEnd);
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

    /// <summary>
    /// Whether the line ends in a block scalar header without an explicit indentation: <c>key: |</c>, <c>- &gt;-</c>,
    /// <c>key: |+ # note</c>, that is an indicator after blanks that follow the line's start, a <c>:</c> or a <c>-</c>,
    /// then at most a chomping indicator, blanks and a comment. Scanned by hand: this runs on every line of the spec.
    /// </summary>
    private static bool IsHeader(string text, int start, int end)
    {
        for (int i = text.IndexOfAny(Indicators, start, end - start); i >= 0; i = i + 1 < end ? text.IndexOfAny(Indicators, i + 1, end - i - 1) : -1)
        {
            int before = i - 1;
            if (before < start || !IsBlank(text[before]))
            {
                continue;
            }

            while (before >= start && IsBlank(text[before]))
            {
                before--;
            }

            if (before >= start && text[before] != ':' && text[before] != '-')
            {
                continue;
            }

            int after = i + 1;
            if (after < end && (text[after] == '+' || text[after] == '-'))
            {
                after++;
            }

            while (after < end && IsBlank(text[after]))
            {
                after++;
            }

            if (after == end || text[after] == '#')
            {
                return true;
            }
        }

        return false;
    }

    private static readonly char[] Indicators = ['|', '>'];

    private static bool IsBlank(char c) => c == ' ' || c == '\t';

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
