using System;
using Microsoft.Extensions.Logging;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// The client's log lines, as source-generated <see cref="LoggerMessage"/> methods: a disabled level costs one check.
/// Event ids are stable, so that filters and alerts can rely on them.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "Attempt", Level = LogLevel.Information,
        Message = "{Method} {UrlTemplate} ({OperationId}): attempt {Attempt}")]
    public static partial void Attempt(ILogger logger, string method, string urlTemplate, string operationId, int attempt);

    [LoggerMessage(EventId = 2, EventName = "Response", Level = LogLevel.Information,
        Message = "{Method} {UrlTemplate} ({OperationId}): {StatusCode} in {ElapsedMilliseconds:0} ms, request id {RequestId}")]
    public static partial void Response(ILogger logger, string method, string urlTemplate, string operationId, int statusCode, double elapsedMilliseconds, string? requestId);

    [LoggerMessage(EventId = 3, EventName = "Retry", Level = LogLevel.Warning,
        Message = "{Method} {UrlTemplate} ({OperationId}): attempt {Attempt} failed ({Reason}), request id {RequestId}; retrying in {WaitMilliseconds:0} ms")]
    public static partial void Retry(ILogger logger, string method, string urlTemplate, string operationId, int attempt, string reason, string? requestId, double waitMilliseconds);

    [LoggerMessage(EventId = 4, EventName = "Failure", Level = LogLevel.Error,
        Message = "{Method} {UrlTemplate} ({OperationId}) failed after {Attempts} attempt(s): {Reason}, request id {RequestId}")]
    public static partial void Failure(ILogger logger, string method, string urlTemplate, string operationId, int attempts, string reason, string? requestId, Exception? exception);

    [LoggerMessage(EventId = 5, EventName = "RequestBody", Level = LogLevel.Debug,
        Message = "{Method} {UrlTemplate} ({OperationId}) request body: {Body}")]
    public static partial void RequestBody(ILogger logger, string method, string urlTemplate, string operationId, string body);

    [LoggerMessage(EventId = 6, EventName = "ResponseBody", Level = LogLevel.Debug,
        Message = "{Method} {UrlTemplate} ({OperationId}) response body: {Body}")]
    public static partial void ResponseBody(ILogger logger, string method, string urlTemplate, string operationId, string body);
}
