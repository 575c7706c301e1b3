using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Telnyx.Sip.Generator.Model;

namespace Telnyx.Sip.Generator.Diagnostics;

/// <summary>
/// A diagnostic as plain data (descriptor id, arguments, file and line span), so that it can live in the cached
/// model; it becomes a Roslyn <see cref="Diagnostic"/> only when reported.
/// </summary>
internal sealed record DiagnosticInfo(string Id, EquatableArray<string> Arguments, string FilePath, int Line, int Column)
{
    public Diagnostic ToDiagnostic()
    {
        // Line and Column are 1-based, as YAML parsers and editors count them.
        var position = new LinePosition(System.Math.Max(Line - 1, 0), System.Math.Max(Column - 1, 0));
        Location location = Location.Create(FilePath, default, new LinePositionSpan(position, position));
        return Diagnostic.Create(DiagnosticDescriptors.ById(Id), location, Arguments.ToArrayOfObjects());
    }
}

internal static class DiagnosticArgumentExtensions
{
    public static object[] ToArrayOfObjects(this EquatableArray<string> arguments)
    {
        var result = new object[arguments.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = arguments[i];
        }

        return result;
    }
}
