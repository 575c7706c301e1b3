namespace Telnyx.Sip.Runtime;

/// <summary>The names of the tags and instruments the client emits; OpenTelemetry's HTTP client names where one applies.</summary>
public static class TelemetryNames
{
    /// <summary>Histogram of operation durations in seconds (all attempts and waits).</summary>
    public const string DurationInstrument = "api.client.operation.duration";

    /// <summary>Counter of retries.</summary>
    public const string RetryInstrument = "api.client.retries";

    /// <summary>The spec's <c>operationId</c>.</summary>
    public const string OperationId = "api.operation.id";

    /// <summary>The HTTP method (OpenTelemetry).</summary>
    public const string HttpMethod = "http.request.method";

    /// <summary>The path template from the spec, such as <c>/connections/{id}</c>, never the filled path (OpenTelemetry).</summary>
    public const string UrlTemplate = "url.template";

    /// <summary>The API's host (OpenTelemetry).</summary>
    public const string ServerAddress = "server.address";

    /// <summary>The API's port (OpenTelemetry).</summary>
    public const string ServerPort = "server.port";

    /// <summary>The status code of the last response (OpenTelemetry).</summary>
    public const string StatusCode = "http.response.status_code";

    /// <summary>How many times the request was sent again after the first attempt (OpenTelemetry).</summary>
    public const string ResendCount = "http.request.resend_count";

    /// <summary>Why the operation failed (or, on the retry counter, why an attempt was retried): a status code, <c>timeout</c>, <c>connection_error</c> or an exception type (OpenTelemetry).</summary>
    public const string ErrorType = "error.type";

    /// <summary>The <c>x-request-id</c> response header (OpenTelemetry's <c>http.response.header.&lt;key&gt;</c>).</summary>
    public const string RequestId = "http.response.header.x-request-id";
}
