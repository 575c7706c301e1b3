using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// Receives a generated client's webhooks: <c>client.Webhooks</c>. <see cref="Unwrap(string, Func{string, string})"/>
/// checks the signature and timestamp as the client's spec declares them, with the key from the client's options, and
/// returns the typed event; <see cref="Verify(string, Func{string, string})"/> only checks; <see cref="Parse(string)"/>
/// only reads. Pass the body exactly as received (read it raw, before any JSON parsing) and the request's headers from
/// any framework: ASP.NET Core's <c>Request.Headers</c>, <c>HttpRequestHeaders</c>, a dictionary, or a lookup function.
/// </summary>
/// <typeparam name="TEvent">The spec's event type: one of its webhooks' payloads, or the raw JSON of an event it does not list.</typeparam>
public class WebhookReceiver<TEvent>
    where TEvent : class
{
    private readonly ClientOptions _options = null!;
    private readonly WebhookScheme _scheme = null!;
    private readonly JsonReadFunc<TEvent> _read = null!;

    /// <summary>Creates the receiver of a generated client.</summary>
    /// <param name="options">The client's options: the key, the tolerance and the clock are read from them at each call.</param>
    /// <param name="scheme">The signature scheme its spec declares.</param>
    /// <param name="read">Reads the event type.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public WebhookReceiver(ClientOptions options, WebhookScheme scheme, JsonReadFunc<TEvent> read)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _scheme = scheme ?? throw new ArgumentNullException(nameof(scheme));
        _read = read ?? throw new ArgumentNullException(nameof(read));
    }

    /// <summary>For mocking libraries and test doubles: override the members a test uses.</summary>
    protected WebhookReceiver()
    {
    }

    /// <summary>The signature scheme the spec declares for its webhooks.</summary>
    public virtual WebhookSignatureKind Scheme => _scheme.Kind;

    /// <summary>Verifies the request and reads its event.</summary>
    /// <param name="body">The raw body, exactly as received, as UTF-8 bytes.</param>
    /// <param name="header">Gets a header's value by name, case-insensitively; null when absent.</param>
    /// <returns>The event; an event type the spec does not list is returned too, holding its raw JSON.</returns>
    /// <exception cref="WebhookVerificationException">The request is not genuine or not fresh; <c>Reason</c> says why.</exception>
    /// <exception cref="ApiSerializationException">The verified body is not JSON.</exception>
    public virtual TEvent Unwrap(byte[] body, Func<string, string?> header)
    {
        Verify(body, header);
        return Parse(body);
    }

    /// <inheritdoc cref="Unwrap(byte[], Func{string, string})"/>
    /// <param name="body">The raw body, exactly as received.</param>
    /// <param name="header">Gets a header's value by name, case-insensitively; null when absent.</param>
    public TEvent Unwrap(string body, Func<string, string?> header) => Unwrap(Utf8(body), header);

    /// <inheritdoc cref="Unwrap(byte[], Func{string, string})"/>
    /// <param name="body">The raw body, exactly as received.</param>
    /// <param name="headers">The request headers, such as a dictionary of names to values.</param>
    public TEvent Unwrap(string body, IEnumerable<KeyValuePair<string, string>> headers) => Unwrap(Utf8(body), Lookup(headers));

    /// <inheritdoc cref="Unwrap(byte[], Func{string, string})"/>
    /// <param name="body">The raw body, exactly as received.</param>
    /// <param name="headers">The request headers as names with several values: ASP.NET Core's <c>Request.Headers</c>, <c>HttpRequestHeaders</c>.</param>
    public TEvent Unwrap<TValues>(string body, IEnumerable<KeyValuePair<string, TValues>> headers)
        where TValues : IEnumerable<string?> => Unwrap(Utf8(body), Lookup(headers));

    /// <inheritdoc cref="Unwrap(byte[], Func{string, string})"/>
    /// <param name="body">The raw body, exactly as received, as UTF-8 bytes.</param>
    /// <param name="headers">The request headers, such as a dictionary of names to values.</param>
    public TEvent Unwrap(byte[] body, IEnumerable<KeyValuePair<string, string>> headers) => Unwrap(body, Lookup(headers));

    /// <inheritdoc cref="Unwrap(byte[], Func{string, string})"/>
    /// <param name="body">The raw body, exactly as received, as UTF-8 bytes.</param>
    /// <param name="headers">The request headers as names with several values: ASP.NET Core's <c>Request.Headers</c>, <c>HttpRequestHeaders</c>.</param>
    public TEvent Unwrap<TValues>(byte[] body, IEnumerable<KeyValuePair<string, TValues>> headers)
        where TValues : IEnumerable<string?> => Unwrap(body, Lookup(headers));

    /// <summary>Verifies the request without reading its event.</summary>
    /// <param name="body">The raw body, exactly as received, as UTF-8 bytes.</param>
    /// <param name="header">Gets a header's value by name, case-insensitively; null when absent.</param>
    /// <exception cref="WebhookVerificationException">The request is not genuine or not fresh; <c>Reason</c> says why.</exception>
    public virtual void Verify(byte[] body, Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(body);
        string? key = _options.WebhookKey;
        if (string.IsNullOrWhiteSpace(key) && _scheme.KeyVariable is { } variable)
        {
            key = Environment.GetEnvironmentVariable(variable);
        }

        DateTimeOffset now = (_options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        WebhookSignature.Verify(_scheme, key, body, header, _options.WebhookTolerance ?? WebhookSignature.DefaultTolerance, now);
    }

    /// <inheritdoc cref="Verify(byte[], Func{string, string})"/>
    /// <param name="body">The raw body, exactly as received.</param>
    /// <param name="header">Gets a header's value by name, case-insensitively; null when absent.</param>
    public void Verify(string body, Func<string, string?> header) => Verify(Utf8(body), header);

    /// <inheritdoc cref="Verify(byte[], Func{string, string})"/>
    /// <param name="body">The raw body, exactly as received.</param>
    /// <param name="headers">The request headers, such as a dictionary of names to values.</param>
    public void Verify(string body, IEnumerable<KeyValuePair<string, string>> headers) => Verify(Utf8(body), Lookup(headers));

    /// <inheritdoc cref="Verify(byte[], Func{string, string})"/>
    /// <param name="body">The raw body, exactly as received.</param>
    /// <param name="headers">The request headers as names with several values: ASP.NET Core's <c>Request.Headers</c>, <c>HttpRequestHeaders</c>.</param>
    public void Verify<TValues>(string body, IEnumerable<KeyValuePair<string, TValues>> headers)
        where TValues : IEnumerable<string?> => Verify(Utf8(body), Lookup(headers));

    /// <inheritdoc cref="Verify(byte[], Func{string, string})"/>
    /// <param name="body">The raw body, exactly as received, as UTF-8 bytes.</param>
    /// <param name="headers">The request headers, such as a dictionary of names to values.</param>
    public void Verify(byte[] body, IEnumerable<KeyValuePair<string, string>> headers) => Verify(body, Lookup(headers));

    /// <inheritdoc cref="Verify(byte[], Func{string, string})"/>
    /// <param name="body">The raw body, exactly as received, as UTF-8 bytes.</param>
    /// <param name="headers">The request headers as names with several values: ASP.NET Core's <c>Request.Headers</c>, <c>HttpRequestHeaders</c>.</param>
    public void Verify<TValues>(byte[] body, IEnumerable<KeyValuePair<string, TValues>> headers)
        where TValues : IEnumerable<string?> => Verify(body, Lookup(headers));

    /// <summary>Reads an event without verifying it: for bodies verified elsewhere, or stored ones.</summary>
    /// <param name="body">The body as UTF-8 JSON.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ApiSerializationException">The body is not JSON.</exception>
    public virtual TEvent Parse(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return JsonModel.Read(body, _read);
    }

    /// <inheritdoc cref="Parse(byte[])"/>
    /// <param name="body">The body as JSON text.</param>
    public TEvent Parse(string body) => Parse(Utf8(body));

    private static byte[] Utf8(string body) => Encoding.UTF8.GetBytes(body ?? throw new ArgumentNullException(nameof(body)));

    private static Func<string, string?> Lookup(IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return name =>
        {
            foreach (KeyValuePair<string, string> header in headers)
            {
                if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return header.Value;
                }
            }

            return null;
        };
    }

    /// <summary>A header sent several times reads as its values joined by a space (how several signatures are listed).</summary>
    private static Func<string, string?> Lookup<TValues>(IEnumerable<KeyValuePair<string, TValues>> headers)
        where TValues : IEnumerable<string?>
    {
        ArgumentNullException.ThrowIfNull(headers);
        return name =>
        {
            foreach (KeyValuePair<string, TValues> header in headers)
            {
                if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase) && header.Value is { } values)
                {
                    return string.Join(" ", values);
                }
            }

            return null;
        };
    }
}
