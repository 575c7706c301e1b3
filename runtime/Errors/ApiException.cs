using System.Collections.Generic;
using System.Linq;
using System.Net.Http.Headers;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// The API answered with a status code that is not a success. The subclass tells the status:
/// <see cref="BadRequestException"/> (400), <see cref="UnauthorizedException"/> (401),
/// <see cref="ForbiddenException"/> (403), <see cref="NotFoundException"/> (404), <see cref="ConflictException"/> (409),
/// <see cref="UnprocessableEntityException"/> (422), <see cref="RateLimitException"/> (429),
/// <see cref="ServerException"/> (5xx) and <see cref="UnexpectedStatusException"/> (any other).
/// The message carries the API's own words: the <c>errors[].title</c>/<c>detail</c>, <c>message</c>,
/// <c>error.message</c>, <c>detail</c> or <c>title</c> of the body, or the start of a body that is not JSON.
/// </summary>
public abstract class ApiException : ApiClientException
{
    /// <summary>Creates the exception from a response.</summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="errors">The parsed <c>errors</c> array of the body.</param>
    /// <param name="requestId">The <c>x-request-id</c> response header.</param>
    /// <param name="rawBody">The response body as received, with credentials replaced by <c>***</c>.</param>
    /// <param name="headers">The response headers.</param>
    /// <param name="body">The body read as the type the spec declares for this status; null when it declares none or the body did not fit.</param>
    /// <param name="note">What the client did about the failure (retries made or not made), appended to the message.</param>
    protected ApiException(int statusCode, IReadOnlyList<ApiError> errors, string? requestId, string? rawBody, HttpResponseHeaders? headers,
        object? body = null, string? note = null)
        : base(BuildMessage(statusCode, errors, rawBody, requestId, note))
    {
        StatusCode = statusCode;
        Errors = errors;
        RequestId = requestId;
        RawBody = rawBody;
        Headers = headers;
        Body = body;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The parsed <c>errors</c> array of the body; empty when the body had none.</summary>
    public IReadOnlyList<ApiError> Errors { get; }

    /// <summary>The <c>x-request-id</c> response header, to quote when contacting support.</summary>
    public string? RequestId { get; }

    /// <summary>The response body as received (it may not be JSON), with the client's credentials replaced by <c>***</c>.</summary>
    public string? RawBody { get; }

    /// <summary>The response headers.</summary>
    public HttpResponseHeaders? Headers { get; }

    /// <summary>
    /// The body read as the type the spec declares for this status (its 4XX, 5XX, <c>default</c> or exact-status
    /// response): match it with <c>error.Body is WidgetError widgetError</c>, or use <see cref="BodyAs{T}"/>. Null
    /// when the spec declares no type for the status or the body is not of that shape (see <see cref="RawBody"/>).
    /// </summary>
    public object? Body { get; }

    /// <summary>The <see cref="Body"/> as <typeparamref name="T"/>, or null when it is not one.</summary>
    /// <typeparam name="T">The generated type of the error body, as the operation's documentation names it.</typeparam>
    public T? BodyAs<T>() where T : class => Body as T;

    /// <summary>Creates the exception type that matches <paramref name="statusCode"/>.</summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="rawBody">The response body, with credentials already removed.</param>
    /// <param name="requestId">The <c>x-request-id</c> response header.</param>
    /// <param name="headers">The response headers.</param>
    /// <param name="body">The body read as the spec's error type for the status, if any.</param>
    /// <param name="note">What the client did about the failure, appended to the message.</param>
    public static ApiException Create(int statusCode, string? rawBody, string? requestId, HttpResponseHeaders? headers,
        object? body = null, string? note = null)
    {
        IReadOnlyList<ApiError> errors = ApiError.ParseAll(rawBody);
        return statusCode switch
        {
            400 => new BadRequestException(errors, requestId, rawBody, headers, body, note),
            401 => new UnauthorizedException(errors, requestId, rawBody, headers, body, note),
            403 => new ForbiddenException(errors, requestId, rawBody, headers, body, note),
            404 => new NotFoundException(errors, requestId, rawBody, headers, body, note),
            409 => new ConflictException(errors, requestId, rawBody, headers, body, note),
            422 => new UnprocessableEntityException(errors, requestId, rawBody, headers, body, note),
            429 => new RateLimitException(errors, requestId, rawBody, headers, body, note),
            >= 500 and <= 599 => new ServerException(statusCode, errors, requestId, rawBody, headers, body, note),
            _ => new UnexpectedStatusException(statusCode, errors, requestId, rawBody, headers, body, note),
        };
    }

    private static string BuildMessage(int statusCode, IReadOnlyList<ApiError> errors, string? rawBody, string? requestId, string? note)
    {
        string message = $"The API answered {statusCode}";
        string? text = errors.Count > 0 ? string.Join("; ", errors.Select(e => e.ToString())) : ErrorText.From(rawBody);
        if (!string.IsNullOrEmpty(text))
        {
            message += ": " + text;
        }

        if (requestId is not null)
        {
            message += $" (request id {requestId})";
        }

        if (!message.EndsWith(".", System.StringComparison.Ordinal) && !message.EndsWith("!", System.StringComparison.Ordinal) &&
            !message.EndsWith("?", System.StringComparison.Ordinal))
        {
            message += ".";
        }

        return string.IsNullOrEmpty(note) ? message : message + " " + note;
    }
}

/// <summary>400: the request was malformed.</summary>
public sealed class BadRequestException(IReadOnlyList<ApiError> errors, string? requestId, string? rawBody, HttpResponseHeaders? headers,
    object? body = null, string? note = null)
    : ApiException(400, errors, requestId, rawBody, headers, body, note);

/// <summary>401: the credentials are missing or invalid.</summary>
public sealed class UnauthorizedException(IReadOnlyList<ApiError> errors, string? requestId, string? rawBody, HttpResponseHeaders? headers,
    object? body = null, string? note = null)
    : ApiException(401, errors, requestId, rawBody, headers, body, note);

/// <summary>403: the credentials may not do this.</summary>
public sealed class ForbiddenException(IReadOnlyList<ApiError> errors, string? requestId, string? rawBody, HttpResponseHeaders? headers,
    object? body = null, string? note = null)
    : ApiException(403, errors, requestId, rawBody, headers, body, note);

/// <summary>404: the resource does not exist.</summary>
public sealed class NotFoundException(IReadOnlyList<ApiError> errors, string? requestId, string? rawBody, HttpResponseHeaders? headers,
    object? body = null, string? note = null)
    : ApiException(404, errors, requestId, rawBody, headers, body, note);

/// <summary>409: the request conflicts with the resource's current state.</summary>
public sealed class ConflictException(IReadOnlyList<ApiError> errors, string? requestId, string? rawBody, HttpResponseHeaders? headers,
    object? body = null, string? note = null)
    : ApiException(409, errors, requestId, rawBody, headers, body, note);

/// <summary>422: the request was well-formed but failed validation; see <see cref="ApiException.Errors"/>.</summary>
public sealed class UnprocessableEntityException(IReadOnlyList<ApiError> errors, string? requestId, string? rawBody, HttpResponseHeaders? headers,
    object? body = null, string? note = null)
    : ApiException(422, errors, requestId, rawBody, headers, body, note);

/// <summary>429: too many requests; the client already retried as configured (the message says how many attempts).</summary>
public sealed class RateLimitException(IReadOnlyList<ApiError> errors, string? requestId, string? rawBody, HttpResponseHeaders? headers,
    object? body = null, string? note = null)
    : ApiException(429, errors, requestId, rawBody, headers, body, note);

/// <summary>5xx: the API failed; the client already retried as configured (the message says how many attempts, or why none).</summary>
public sealed class ServerException(int statusCode, IReadOnlyList<ApiError> errors, string? requestId, string? rawBody, HttpResponseHeaders? headers,
    object? body = null, string? note = null)
    : ApiException(statusCode, errors, requestId, rawBody, headers, body, note);

/// <summary>Any other status code that is not a success.</summary>
public sealed class UnexpectedStatusException(int statusCode, IReadOnlyList<ApiError> errors, string? requestId, string? rawBody, HttpResponseHeaders? headers,
    object? body = null, string? note = null)
    : ApiException(statusCode, errors, requestId, rawBody, headers, body, note);
