using System;

namespace Telnyx.Sip.Runtime;

/// <summary>A response body, or part of one, did not have the shape the spec describes.</summary>
public sealed class ApiSerializationException : ApiClientException
{
    /// <summary>Creates the exception.</summary>
    public ApiSerializationException(string message, string path, Exception? innerException = null)
        : base($"{message} (at {path})", innerException)
    {
        Path = path;
        Reason = message;
    }

    /// <summary>Where the bad value is, as a JSON path such as <c>$.data[3].inbound.codecs</c>.</summary>
    public string Path { get; }

    /// <summary>What was wrong, without the path.</summary>
    public string Reason { get; }

    /// <summary>The raw body the value came from, when the client read it from a response.</summary>
    public string? RawBody { get; internal set; }

    /// <summary>
    /// The JSON value, as received, of a member that did not fit its type (thrown when the property is read or the
    /// model validated); null when the member is absent or the whole body is at fault.
    /// </summary>
    public string? RawValue { get; set; }

    /// <summary>Returns the same error with <paramref name="segment"/> put in front of the path.</summary>
    public ApiSerializationException Under(string segment) =>
        new(Reason, "$" + segment + Path.Substring(1), InnerException) { RawValue = RawValue };
}
