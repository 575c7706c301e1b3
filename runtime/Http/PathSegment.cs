using System;
using System.ComponentModel;

namespace Telnyx.Sip.Runtime;

/// <summary>Escapes a path parameter so that it reaches the server as exactly one path segment.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PathSegment
{
    /// <summary>Escapes <paramref name="value"/>; <c>/</c>, <c>?</c>, <c>#</c> and dot segments cannot change the path.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            throw new ArgumentException("A path parameter cannot be empty.", nameof(value));
        }

        string escaped = Uri.EscapeDataString(value);
        // "." and ".." would be removed or resolved by URL normalisation; escape their dots.
        return escaped is "." or ".." ? escaped.Replace(".", "%2E", StringComparison.Ordinal) : escaped;
    }
}
