using System;
using System.Text;

namespace Telnyx.Sip.Generator.Model;

/// <summary>
/// A server URL's <c>{variables}</c> filled with their defaults (OpenAPI's Server Variable Object). Shared, as a linked
/// file, by the generator (the client's default base URL) and the emulator (the base path it serves), so that the two
/// agree on every spec.
/// </summary>
internal static class ServerUrlTemplate
{
    /// <summary>
    /// Replaces each <c>{name}</c> in <paramref name="url"/> with <paramref name="defaultOf"/>(name); a name without a
    /// default stays as written, and the first such name is <paramref name="unresolved"/>. One pass, linear in the URL.
    /// </summary>
    /// <param name="url">The <c>url</c> as the spec writes it.</param>
    /// <param name="defaultOf">The default of a variable, or null when it declares none.</param>
    /// <param name="unresolved">The first variable left in place, or null.</param>
    /// <param name="filled">Called with each variable filled, and its value, in order (a variable used twice, twice).</param>
    public static string Fill(string url, Func<string, string?> defaultOf, out string? unresolved, Action<string, string>? filled = null)
    {
        unresolved = null;
        if (url.IndexOf('{') < 0)
        {
            return url;
        }

        var resolved = new StringBuilder(url.Length);
        int at = 0;
        while (at < url.Length)
        {
            int open = url.IndexOf('{', at);
            int close = open < 0 ? -1 : url.IndexOf('}', open + 1);
            if (close < 0)
            {
                resolved.Append(url, at, url.Length - at);
                break;
            }

            string name = url.Substring(open + 1, close - open - 1);
            resolved.Append(url, at, open - at);
            if (defaultOf(name) is { } value)
            {
                resolved.Append(value);
                filled?.Invoke(name, value);
            }
            else
            {
                unresolved ??= name;
                resolved.Append(url, open, close - open + 1);
            }

            at = close + 1;
        }

        return resolved.ToString();
    }
}
