using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using Microsoft.Extensions.Logging;

namespace Telnyx.Sip.Runtime;

// The pipeline's traces, metrics and log lines. Each is behind a check (a listener, an enabled instrument, a logger),
// so that a client nobody observes pays for none of it.
public sealed partial class ApiPipeline
{
    private Activity? StartActivity(ApiRequest request)
    {
        Activity? activity = _diagnostics.Source.StartActivity(request.Method.Method + " " + request.PathTemplate, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(TelemetryNames.OperationId, request.OperationId);
            activity.SetTag(TelemetryNames.HttpMethod, request.Method.Method);
            activity.SetTag(TelemetryNames.UrlTemplate, request.PathTemplate);
            activity.SetTag(TelemetryNames.ServerAddress, _options.BaseUrl!.Host);
            activity.SetTag(TelemetryNames.ServerPort, _options.BaseUrl!.Port);
        }

        return activity;
    }

    private void Succeeded(ApiRequest request, Activity? activity, long started, int attempt, HttpResponseMessage response, byte[] content)
    {
        int status = (int)response.StatusCode;
        string? requestId = null;
        if (_logger is not null)
        {
            requestId = ApiPipelineHeaders.RequestId(response.Headers);
            Log.Response(_logger, request.Method.Method, request.PathTemplate, request.OperationId, status,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, requestId);
            if (_bodies is not null && content.Length > 0)
            {
                Log.ResponseBody(_logger, request.Method.Method, request.PathTemplate, request.OperationId,
                    _bodies.ToLogText(content, response.Content.Headers.ContentType?.MediaType));
            }
        }

        if (activity is not null)
        {
            requestId ??= ApiPipelineHeaders.RequestId(response.Headers);
            Complete(activity, attempt, status, requestId, errorType: null, message: null);
        }

        RecordDuration(request, started, status, errorType: null);
    }

    private bool Failed(ApiRequest request, Activity? activity, long started, int attempt, Exception error)
    {
        (int status, string? requestId) = error is ApiException api ? (api.StatusCode, api.RequestId) : (0, null);
        string errorType = error switch
        {
            ApiException => status.ToString(CultureInfo.InvariantCulture),
            ApiTimeoutException => ErrorTypes.Timeout,
            ApiConnectionException => ErrorTypes.Connection,
            _ => error.GetType().FullName ?? "_OTHER",
        };
        if (_logger is not null)
        {
            Log.Failure(_logger, request.Method.Method, request.PathTemplate, request.OperationId, attempt + 1,
                error is ApiException ? errorType : error.Message, requestId, error is ApiException ? null : error);
        }

        if (activity is not null)
        {
            Complete(activity, attempt, status, requestId, errorType, error.Message);
        }

        RecordDuration(request, started, status, errorType);
        return false;
    }

    private void Retrying(ApiRequest request, int attempt, string reason, string? requestId, TimeSpan wait)
    {
        if (_logger is not null)
        {
            Log.Retry(_logger, request.Method.Method, request.PathTemplate, request.OperationId, attempt + 1, reason, requestId, wait.TotalMilliseconds);
        }

        if (_diagnostics.Retries.Enabled)
        {
            _diagnostics.Retries.Add(1, new TagList
            {
                { TelemetryNames.OperationId, request.OperationId },
                { TelemetryNames.HttpMethod, request.Method.Method },
                { TelemetryNames.UrlTemplate, request.PathTemplate },
                { TelemetryNames.ServerAddress, _options.BaseUrl!.Host },
                { TelemetryNames.ServerPort, _options.BaseUrl!.Port },
                { TelemetryNames.ErrorType, reason },
            });
        }
    }

    private static void Complete(Activity activity, int attempt, int status, string? requestId, string? errorType, string? message)
    {
        if (activity.IsAllDataRequested)
        {
            if (status != 0)
            {
                activity.SetTag(TelemetryNames.StatusCode, status);
            }

            if (attempt > 0)
            {
                activity.SetTag(TelemetryNames.ResendCount, attempt);
            }

            if (requestId is not null)
            {
                activity.SetTag(TelemetryNames.RequestId, new[] { requestId });
            }

            if (errorType is not null)
            {
                activity.SetTag(TelemetryNames.ErrorType, errorType);
                activity.SetStatus(ActivityStatusCode.Error, message);
            }
        }

        activity.Dispose();
    }

    private void RecordDuration(ApiRequest request, long started, int status, string? errorType)
    {
        if (!_diagnostics.Duration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { TelemetryNames.OperationId, request.OperationId },
            { TelemetryNames.HttpMethod, request.Method.Method },
            { TelemetryNames.UrlTemplate, request.PathTemplate },
            { TelemetryNames.ServerAddress, _options.BaseUrl!.Host },
            { TelemetryNames.ServerPort, _options.BaseUrl!.Port },
        };
        if (status != 0)
        {
            tags.Add(TelemetryNames.StatusCode, status);
        }

        if (errorType is not null)
        {
            tags.Add(TelemetryNames.ErrorType, errorType);
        }

        _diagnostics.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
    }

    private static class ErrorTypes
    {
        public const string Timeout = "timeout";
        public const string Connection = "connection_error";
    }
}
