using System;
using System.Collections.Generic;
using System.Text;

namespace Telnyx.Sip.Emulator;

/// <summary>A request as the emulator sees it, whichever host (in-process handler or loopback server) received it.</summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="PathAndQuery">The path with its query string, such as <c>/v2/things?page[number]=2</c>.</param>
/// <param name="Headers">The request headers (names compared without case). The emulator accepts any credential, so the in-process handler and the server pass credentials (<c>Authorization</c>, the spec's API-key headers) as <c>***</c>.</param>
/// <param name="Body">The body as text, or null when there was none.</param>
public sealed record EmulatorRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string? Body);

/// <summary>The emulator's answer.</summary>
public sealed record EmulatorResponse
{
    private readonly byte[]? _content;

    /// <summary>An answer with a text body.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="headers">Response headers, including <c>Content-Type</c> when there is a body.</param>
    /// <param name="body">The body as text (sent as UTF-8), or null.</param>
    public EmulatorResponse(int status, IReadOnlyList<KeyValuePair<string, string>> headers, string? body)
        : this(status, headers, body is null ? null : Encoding.UTF8.GetBytes(body))
    {
    }

    private EmulatorResponse(int status, IReadOnlyList<KeyValuePair<string, string>> headers, byte[]? content)
    {
        ArgumentNullException.ThrowIfNull(headers);
        Status = status;
        Headers = headers;
        _content = content;
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; init; }

    /// <summary>Response headers, including <c>Content-Type</c> when there is a body.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    /// <summary>The body as text, or null when there is none.</summary>
    public string? Body => _content is null ? null : Encoding.UTF8.GetString(_content);

    /// <summary>The body's UTF-8 bytes, as the hosts send them (empty when there is none).</summary>
    public ReadOnlyMemory<byte> Content => _content;

    /// <summary>When true the host drops the connection instead of answering (an injected fault).</summary>
    public bool DropConnection { get; init; }

    /// <summary>
    /// An answer whose body is already UTF-8. The array is shared, not copied (the emulator keeps one per stored item
    /// until the item changes), so neither the emulator nor a host may write to it.
    /// </summary>
    internal static EmulatorResponse FromUtf8(int status, IReadOnlyList<KeyValuePair<string, string>> headers, byte[]? content) =>
        new(status, headers, content);

    /// <summary>The body's bytes to hand to a host without copying; null when there is no body.</summary>
    internal byte[]? ContentArray => _content;
}

/// <summary>One request the emulator received, for assertions in tests.</summary>
/// <param name="Sequence">1 for the first request since the emulator was created or reset.</param>
/// <param name="Time">When it arrived, by the emulator's clock.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, without the spec's base path (<c>/things/42</c>).</param>
/// <param name="Query">The query parameters in their order, decoded (<c>filter[name][contains]</c> → <c>office</c>); those the spec's API-key schemes name are recorded as <c>***</c>.</param>
/// <param name="Headers">The request headers; credentials (<c>Authorization</c>, <c>Proxy-Authorization</c>, the headers the spec's API-key schemes name) are recorded as <c>***</c>, and cookie values (when a scheme is a cookie) as <c>name=***</c>.</param>
/// <param name="Body">The request body, or null.</param>
/// <param name="OperationId">The <c>operationId</c> of the operation the request matched, or null.</param>
/// <param name="Status">The status the emulator answered (0 for a dropped connection).</param>
/// <param name="Fault">The injected fault that answered it, or null.</param>
public sealed record RecordedRequest(
    int Sequence,
    DateTimeOffset Time,
    string Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyDictionary<string, string> Headers,
    string? Body,
    string? OperationId,
    int Status,
    Fault? Fault);
