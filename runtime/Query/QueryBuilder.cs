using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// Builds a query string in the API's deepObject style (<c>filter[connection_name][contains]=office</c>).
/// Keys keep the order they were added in; <see cref="Set(string, string)"/> replaces an existing key.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class QueryBuilder
{
    private readonly List<KeyValuePair<string, string>> _pairs = new();

    /// <summary>The number of parameters.</summary>
    public int Count => _pairs.Count;

    /// <summary>Adds a string parameter; null values are skipped.</summary>
    public void Add(string key, string? value)
    {
        if (value is not null)
        {
            _pairs.Add(new(key, value));
        }
    }

    /// <summary>Adds an integer parameter; null values are skipped.</summary>
    public void Add(string key, long? value) => Add(key, value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds a number parameter; null values are skipped.</summary>
    public void Add(string key, double? value) => Add(key, value?.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Adds a boolean parameter as <c>true</c> or <c>false</c>; null values are skipped.</summary>
    public void Add(string key, bool? value) => Add(key, value is null ? null : value.Value ? "true" : "false");

    /// <summary>Adds a date and time in ISO 8601 form; null values are skipped.</summary>
    public void Add(string key, DateTimeOffset? value) => Add(key, value?.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>Adds a generated enumeration by its wire string; null values are skipped.</summary>
    public void Add<T>(string key, T? value) where T : struct, IJsonEnum<T> => Add(key, value?.Value);

    /// <summary>Adds every item of a list under the same key (the API's form for arrays).</summary>
    public void AddEach(string key, IEnumerable<string>? values)
    {
        if (values is null)
        {
            return;
        }

        foreach (string value in values)
        {
            Add(key, value);
        }
    }

    /// <summary>Sets a parameter, replacing any earlier value under the same key.</summary>
    public void Set(string key, string value)
    {
        _pairs.RemoveAll(pair => pair.Key == key);
        _pairs.Add(new(key, value));
    }

    /// <summary>Sets an integer parameter, replacing any earlier value under the same key.</summary>
    public void Set(string key, long value) => Set(key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Returns the encoded query string without the leading <c>?</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (KeyValuePair<string, string> pair in _pairs)
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(EscapeKey(pair.Key)).Append('=').Append(Uri.EscapeDataString(pair.Value));
        }

        return builder.ToString();
    }

    // Brackets stay readable in keys (filter[name][contains]); everything else is escaped.
    private static string EscapeKey(string key) =>
        Uri.EscapeDataString(key).Replace("%5B", "[", StringComparison.Ordinal).Replace("%5D", "]", StringComparison.Ordinal);
}
