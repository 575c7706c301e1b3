using System;
using System.Linq;

namespace Telnyx.Sip.Generator.Reading;

/// <summary>
/// A list in item metadata (<c>OpenApiIncludeTags</c>, <c>OpenApiIncludePaths</c>). Items are separated by <c>,</c>:
/// metadata reaches the generator through a generated .editorconfig, where <c>;</c> and <c>#</c> start a comment.
/// The package's props rewrite the MSBuild-style <c>;</c> to <c>,</c> before that file is written, and <c>;</c> is
/// still accepted here for hosts that pass the value directly.
/// </summary>
internal static class MetadataList
{
    private static readonly char[] Separators = [',', ';'];

    public static string[] Split(string? list) =>
        list is null ? Array.Empty<string>() : list.Split(Separators).Select(item => item.Trim()).Where(item => item.Length > 0).ToArray();
}
