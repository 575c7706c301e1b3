using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http.Headers;

namespace Telnyx.Sip;

/// <summary>
/// The API answered with a status code that is not a success. The subclass tells the status:
/// <see cref="BadRequestException"/> (400), <see cref="UnauthorizedException"/> (401),
/// <see cref="ForbiddenException"/> (403), <see cref="NotFoundException"/> (404), <see cref="ConflictException"/> (409),
/// <see cref="UnprocessableEntityException"/> (422), <see cref="RateLimitException"/> (429),
/// <see cref="ServerException"/> (5xx) and <see cref="UnexpectedStatusException"/> (any other).
/// </summary>
public abstract class ApiException : TelnyxException
{
    /// <summary>Creates the exception from a response.</summary>
    protected ApiException(int statusCode, IReadOnlyList<ApiError> errors, string? requestId, string? rawBody, HttpResponseHeaders? headers)
        : base(BuildMessage(statusCode, errors, requestId))
    {
        StatusCode = statusCode;
        Errors = errors;
        RequestId = requestId;
        RawBody = rawBody;
        Headers = headers;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The parsed <c>errors</c> array of the body; empty when the body had none.</summary>
    public IReadOnlyList<ApiError> Errors { get; }

    /// <summary>The <c>x-request-id</c> response header, to quote when contacting support.</summary>
    public string? RequestId { get; }

    /// <summary>The response body exactly as received (it may not be JSON).</summary>
    public string? RawBody { get; }

    /// <summary>The response headers.</summary>
    public HttpResponseHeaders? Headers { get; }

    /// <summary>Creates the exception type that matches <paramref name="statusCode"/>.</summary>
    public static ApiException Create(int statusCode, string? rawBody, string? requestId, HttpResponseHeaders? headers)
    {
        IReadOnlyList<ApiError> errors = ApiError.ParseAll(rawBody);
        return statusCode switch
        {
            400 => new BadRequestException(errors, requestId, rawBody, headers),
            401 => new UnauthorizedException(errors, requestId, rawBody, headers),
            403 => new ForbiddenException(errors, requestId, rawBody, headers),
            404 => new NotFoundException(errors, requestId, rawBody, headers),
            409 => new ConflictException(errors, requestId, rawBody, headers),
            422 => new UnprocessableEntityException(errors, requestId, rawBody, headers),
            429 => new RateLimitException(errors, requestId, rawBody, headers),
            >= 500 and <= 599 => new ServerException(statusCode, errors, requestId, rawBody, headers),
            _ => new UnexpectedStatusException(statusCode, errors, requestId, rawBody, headers),
        };
    }

    private static string BuildMessage(int statusCode, IReadOnlyList<ApiError> errors, string? requestId)
    {
        string message = $"The API answered {statusCode}";
        message += errors.Count == 0 ? "." : ": " + string.Join("; ", errors.Select(e => e.ToString()));
        return requestId is null ? message : $"{message} (request id {requestId})";
    }
}

/// <summary>400: the request was malformed.</summary>
public sealed class BadRequestException(IReadOnlyList<ApiError> errors, string? requestId, string? rawBody, HttpResponseHeaders? headers)
    : ApiException(400, errors, requestId, rawBody, headers);

/// <summary>401: the API key is missing or invalid.</summary>
public sealed class UnauthorizedException(IReadOnlyList<ApiError> errors, string? requestId, string? rawBody, HttpResponseHeaders? headers)
    : ApiException(401, errors, requestId, rawBody, headers);

/// <summary>403: the API key may not do this.</summary>
public sealed class ForbiddenException(IReadOnlyList<ApiError> errors, string? requestId, string? rawBody, HttpResponseHeaders? headers)
    : ApiException(403, errors, requestId, rawBody, headers);

/// <summary>404: the resource does not exist.</summary>
public sealed class NotFoundException(IReadOnlyList<ApiError> errors, string? requestId, string? rawBody, HttpResponseHeaders? headers)
    : ApiException(404, errors, requestId, rawBody, headers);

/// <summary>409: the request conflicts with the resource's current state.</summary>
public sealed class ConflictException(IReadOnlyList<ApiError> errors, string? requestId, string? rawBody, HttpResponseHeaders? headers)
    : ApiException(409, errors, requestId, rawBody, headers);

/// <summary>422: the request was well-formed but failed validation; see <see cref="ApiException.Errors"/>.</summary>
public sealed class UnprocessableEntityException(IReadOnlyList<ApiError> errors, string? requestId, string? rawBody, HttpResponseHeaders? headers)
    : ApiException(422, errors, requestId, rawBody, headers);

/// <summary>429: too many requests; the client already retried as configured.</summary>
public sealed class RateLimitException(IReadOnlyList<ApiError> errors, string? requestId, string? rawBody, HttpResponseHeaders? headers)
    : ApiException(429, errors, requestId, rawBody, headers);

/// <summary>5xx: the API failed; the client already retried as configured.</summary>
public sealed class ServerException(int statusCode, IReadOnlyList<ApiError> errors, string? requestId, string? rawBody, HttpResponseHeaders? headers)
    : ApiException(statusCode, errors, requestId, rawBody, headers);

/// <summary>Any other status code that is not a success.</summary>
public sealed class UnexpectedStatusException(int statusCode, IReadOnlyList<ApiError> errors, string? requestId, string? rawBody, HttpResponseHeaders? headers)
    : ApiException(statusCode, errors, requestId, rawBody, headers);
