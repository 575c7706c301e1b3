using System.ComponentModel;
using System.Net.Http;

namespace Telnyx.Sip.Runtime;

/// <summary>One API call as generated code describes it: method, relative path, query and optional JSON body.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ApiRequest(HttpMethod method, string path)
{
    /// <summary>The HTTP method.</summary>
    public HttpMethod Method { get; } = method;

    /// <summary>The path relative to the base URL, with parameters already escaped.</summary>
    public string Path { get; } = path;

    /// <summary>The query string.</summary>
    public QueryBuilder Query { get; } = new();

    /// <summary>Writes the JSON body; null for a request without one.</summary>
    public System.Action<System.Text.Json.Utf8JsonWriter>? Body { get; set; }
}
