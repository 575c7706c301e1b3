using System;

namespace Telnyx.Sip.Runtime;

/// <summary>The base of every exception the client throws on purpose.</summary>
public class ApiClientException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public ApiClientException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public ApiClientException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}

/// <summary>The request never produced an HTTP response: DNS, connection or TLS failure, or a reset.</summary>
public class ApiConnectionException : ApiClientException
{
    /// <summary>Creates the exception.</summary>
    public ApiConnectionException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}

/// <summary>Every attempt ran past the per-attempt timeout.</summary>
public sealed class ApiTimeoutException : ApiConnectionException
{
    /// <summary>Creates the exception.</summary>
    public ApiTimeoutException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}
