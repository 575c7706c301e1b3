using System;
using System.Collections.Generic;

namespace Telnyx.Sip.Emulator;

/// <summary>A request as the emulator sees it, whichever host (in-process handler or loopback server) received it.</summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="PathAndQuery">The path with its query string, such as <c>/v2/things?page[number]=2</c>.</param>
/// <param name="Headers">The request headers (names compared without case).</param>
/// <param name="Body">The body as text, or null when there was none.</param>
public sealed record EmulatorRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string? Body);

/// <summary>The emulator's answer.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Headers">Response headers, including <c>Content-Type</c> when there is a body.</param>
/// <param name="Body">The JSON body, or null.</param>
public sealed record EmulatorResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, string? Body)
{
    /// <summary>When true the host drops the connection instead of answering (an injected fault).</summary>
    public bool DropConnection { get; init; }
}

/// <summary>One request the emulator received, for assertions in tests.</summary>
/// <param name="Sequence">1 for the first request since the emulator was created or reset.</param>
/// <param name="Time">When it arrived, by the emulator's clock.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, without the spec's base path (<c>/things/42</c>).</param>
/// <param name="Query">The query parameters in their order, decoded (<c>filter[name][contains]</c> → <c>office</c>).</param>
/// <param name="Headers">The request headers; <c>Authorization</c> is recorded as <c>***</c>.</param>
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
