using System;

namespace Telnyx.Sip.Runtime;

/// <summary>Refuses header values that would split an HTTP message.</summary>
internal static class HeaderGuard
{
    public static void EnsureValid(string name, string value)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            // The value itself may be a secret: never echo it.
            throw new ArgumentException($"The value of header '{name}' contains a CR or LF character.", nameof(value));
        }
    }
}
