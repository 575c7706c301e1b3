using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// A streamed response (server-sent events, JSON Lines, NDJSON, JSON text sequences): the status, headers and request
/// id, and the items, each yielded by <c>await foreach</c> as soon as it arrives. Enumerate it once. Finishing the
/// enumeration, leaving it early (<c>break</c>) or cancelling it closes the connection; dispose a stream you do not
/// enumerate.
/// </summary>
/// <typeparam name="T">The item type the spec declares.</typeparam>
public sealed class ApiItemStream<T> : ApiResponse, IAsyncEnumerable<T>, IDisposable, IAsyncDisposable
{
    /// <summary>The most unrecognized events kept in <see cref="UnrecognizedEvents"/>; later ones are counted only.</summary>
    public const int MaxUnrecognizedEvents = 1000;


    private readonly HttpResponseMessage? _response;
    private readonly Stream? _content;
    private readonly ItemStreamFormat _format;
    private readonly JsonReadFunc<T>? _read;
    private readonly string[]? _eventTypes;
    private readonly IEnumerable<T>? _items;
    private readonly CancellationToken _callToken;
    private List<ApiStreamEvent>? _unrecognized;
    private ServerSentEventReader? _events; // read through for the last event id and the reconnection time
    private int _enumerated;
    private int _closed;

    internal ApiItemStream(HttpResponseMessage response, Stream content, ItemStreamFormat format, JsonReadFunc<T> read,
        string[]? eventTypes, CancellationToken cancellationToken)
        : base((int)response.StatusCode, response.Headers, response.Content.Headers, ReadOnlyMemory<byte>.Empty)
    {
        _response = response;
        _content = content;
        _format = format;
        _read = read;
        _eventTypes = eventTypes is { Length: > 0 } ? eventTypes : null;
        _callToken = cancellationToken;
    }

    internal ApiItemStream(IEnumerable<T> items, int statusCode, HttpResponseHeaders headers, HttpContentHeaders? contentHeaders)
        : base(statusCode, headers, contentHeaders, ReadOnlyMemory<byte>.Empty)
    {
        _items = items;
    }

    /// <summary>The media type of the body, such as <c>text/event-stream</c>.</summary>
    public string? ContentType => ContentHeaders?.ContentType?.MediaType;

    /// <summary>How many items have been yielded so far.</summary>
    public int ItemCount { get; private set; }

    /// <summary>The last event id the server sent (server-sent events only): what a reconnection sends as <c>Last-Event-ID</c>.</summary>
    public string? LastEventId => _events?.DispatchedEventId is { Length: > 0 } id ? id : null;

    /// <summary>The reconnection time the server asked for with <c>retry</c> (server-sent events only).</summary>
    public TimeSpan? ReconnectionInterval => _events?.ReconnectionInterval;

    /// <summary>
    /// Server-sent events of a type the spec gives no items for, as they came, in order (the first
    /// <see cref="MaxUnrecognizedEvents"/>); they do not end the stream.
    /// </summary>
    public IReadOnlyList<ApiStreamEvent> UnrecognizedEvents => (IReadOnlyList<ApiStreamEvent>?)_unrecognized ?? [];

    /// <summary>How many server-sent events had a type the spec gives no items for.</summary>
    public int UnrecognizedEventCount { get; private set; }

    /// <summary>Yields the items as they arrive; at the end, on <c>break</c> or on cancellation the connection is closed.</summary>
    /// <exception cref="InvalidOperationException">The stream was enumerated before.</exception>
    /// <exception cref="ApiSerializationException">An item is not JSON or not the shape the spec describes (after the items before it).</exception>
    /// <exception cref="ApiConnectionException">The connection broke before the stream ended.</exception>
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException("A streamed response can be enumerated only once: its items are read from the connection as they arrive.");
        }

        return _items is not null ? FromMemory(cancellationToken)
            : _format == ItemStreamFormat.ServerSentEvents ? new EventReader(this, _events = new ServerSentEventReader(_content!), cancellationToken)
            : new FrameReader(this, new DelimitedFrameReader(_content!, _format == ItemStreamFormat.JsonSequence ? (byte)0x1E : (byte)'\n'), cancellationToken);
    }

    /// <summary>Closes the connection; items not yet read are lost.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _content?.Dispose();
            _response?.Dispose();
        }
    }

    /// <summary>Closes the connection; items not yet read are lost.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    private async IAsyncEnumerator<T> FromMemory(CancellationToken cancellationToken)
    {
        foreach (T item in _items!)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            ItemCount++;
            yield return item;
        }
    }

    /// <summary>
    /// What the enumerators share: the call's and the enumeration's cancellation (either closes the response, since not
    /// every handler stops a pending read when its token is cancelled), closing at the end, on an error or on dispose,
    /// and the loop over the buffer. An item already buffered is handed out without an await, so that a stream costs
    /// little more per item than the read of the item itself.
    /// </summary>
    private abstract class Reader : IAsyncEnumerator<T>
    {
        private readonly CancellationTokenSource? _linked;
        private readonly CancellationTokenRegistration _registration;
        private readonly bool _cancellable;
        private readonly StreamBuffer _buffer;
        private bool _reading;

        protected Reader(ApiItemStream<T> owner, StreamBuffer buffer, CancellationToken cancellationToken)
        {
            Owner = owner;
            _buffer = buffer;
            _linked = cancellationToken.CanBeCanceled && owner._callToken.CanBeCanceled
                ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, owner._callToken)
                : null;
            Token = _linked?.Token ?? (cancellationToken.CanBeCanceled ? cancellationToken : owner._callToken);
            _cancellable = Token.CanBeCanceled;
            _registration = Token.Register(static state => ((ApiItemStream<T>)state!).Dispose(), owner);
        }

        public T Current { get; private set; } = default!;

        protected ApiItemStream<T> Owner { get; }

        private CancellationToken Token { get; }

        private bool Finished { get; set; }

        public ValueTask<bool> MoveNextAsync()
        {
            if (Finished)
            {
                return new(false);
            }

            if (_cancellable && Token.IsCancellationRequested)
            {
                Finish();
                throw new OperationCanceledException("The stream was cancelled.", Token);
            }

            try
            {
                if (Next() is { } result)
                {
                    return new(result || Finish());
                }
            }
            catch (Exception error)
            {
                if (Failed(error) is { } located)
                {
                    throw located;
                }

                throw;
            }

            return ReadMoreAsync();
        }

        public ValueTask DisposeAsync()
        {
            Finish();
            return default;
        }

        /// <summary>From what is buffered: true when an item is current, false when the stream has ended, null to read more.</summary>
        protected abstract bool? Next();

        /// <summary>The raw bytes of the item read last (valid until the buffer moves).</summary>
        protected abstract ReadOnlySpan<byte> Item { get; }

        /// <summary>
        /// Reads <paramref name="json"/> with the generated reader and makes it the current item. No exception handler
        /// here (this runs once an item and stays small): a failure reaches <see cref="Failed"/>, which knows by
        /// <see cref="_reading"/> that it was an item's and makes it an error at <c>$[index]</c> with the raw text.
        /// </summary>
        protected bool YieldItem(ReadOnlySpan<byte> json)
        {
            ApiItemStream<T> owner = Owner;
            _reading = true;

            // Items are strict JSON (RFC 8259, RFC 7464; SSE data as JSON): default options, no comment skipping, which
            // also keeps the reader on its fast path.
            var reader = new Utf8JsonReader(json);
            T item = owner._read!(ref reader);
            _reading = false;
            if (item is GeneratedModel { HasReadIssues: true } model)
            {
                model.Locate("$[" + owner.ItemCount.ToString(CultureInfo.InvariantCulture) + "]", null);
            }

            Current = item;
            owner.ItemCount++;
            return true;
        }

        /// <summary>
        /// Ends the enumeration on an error. Returns what to throw instead when an item was being read (the error located
        /// at <c>$[index]</c>, with the item's raw text); null when the error goes on as it is.
        /// </summary>
        private ApiSerializationException? Failed(Exception error)
        {
            // Before Finish, which gives the buffer back.
            ApiSerializationException? located = !_reading ? null : error switch
            {
                ApiSerializationException serialization => Owner.Malformed(serialization, Item),
                JsonException json => Owner.Malformed(JsonRead.Malformed(json), Item),
                _ => null,
            };
            Finish();
            return located;
        }

        /// <summary>Closes the response, lets go of the tokens and the buffer; safe to call more than once. Returns false.</summary>
        private bool Finish()
        {
            if (!Finished)
            {
                Finished = true;
                _registration.Dispose();
                _linked?.Dispose();
                Owner.Dispose();
                _buffer.Dispose();
            }

            return false;
        }

        private async ValueTask<bool> ReadMoreAsync()
        {
            try
            {
                for (; ; )
                {
                    try
                    {
                        await _buffer.FillAsync(Token).ConfigureAwait(false);
                    }
                    catch (Exception error) when (Owner.Translate(error, Token) is { } translated)
                    {
                        throw translated;
                    }

                    if (Next() is { } result)
                    {
                        return result || Finish();
                    }
                }
            }
            catch (Exception error)
            {
                if (Failed(error) is { } located)
                {
                    throw located;
                }

                throw;
            }
        }
    }

    /// <summary>JSON Lines, NDJSON and JSON text sequences: one item a frame.</summary>
    private sealed class FrameReader : Reader
    {
        private readonly DelimitedFrameReader _frames;

        public FrameReader(ApiItemStream<T> owner, DelimitedFrameReader frames, CancellationToken cancellationToken)
            : base(owner, frames, cancellationToken)
        {
            _frames = frames;
        }

        protected override ReadOnlySpan<byte> Item => _frames.Frame;

        protected override bool? Next() =>
            _frames.TryRead() ? YieldItem(_frames.Frame)
            : _frames.Completed ? false
            : null;
    }

    /// <summary>Server-sent events: items, the <c>[DONE]</c> sentinel, and events of other types kept raw.</summary>
    private sealed class EventReader : Reader
    {
        private readonly ServerSentEventReader _events;

        public EventReader(ApiItemStream<T> owner, ServerSentEventReader events, CancellationToken cancellationToken)
            : base(owner, events, cancellationToken)
        {
            _events = events;
        }

        protected override ReadOnlySpan<byte> Item => _events.Data;

        protected override bool? Next()
        {
            ServerSentEventReader events = _events;
            while (events.TryRead())
            {
                ReadOnlySpan<byte> data = events.Data;
                if (data.SequenceEqual("[DONE]"u8))
                {
                    return false;
                }

                if (Owner._eventTypes is null || IsOneOf(events.EventType, Owner._eventTypes))
                {
                    return YieldItem(data);
                }

                Unrecognized(data);
            }

            return events.Completed ? false : null;
        }

        private static bool IsOneOf(string eventType, string[] types)
        {
            foreach (string type in types)
            {
                if (ReferenceEquals(type, eventType) || type == eventType)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>An event of a type the spec gives no items for: kept raw (the first few), counted, and the stream goes on.</summary>
        private void Unrecognized(ReadOnlySpan<byte> data)
        {
            ApiItemStream<T> owner = Owner;
            owner.UnrecognizedEventCount++;
            if ((owner._unrecognized ??= []).Count < MaxUnrecognizedEvents)
            {
                owner._unrecognized.Add(new ApiStreamEvent(_events.EventType, Encoding.UTF8.GetString(data), owner.LastEventId));
            }
        }
    }

    private ApiSerializationException Malformed(ApiSerializationException error, ReadOnlySpan<byte> json)
    {
        ApiSerializationException located = error.Under("[" + ItemCount.ToString(CultureInfo.InvariantCulture) + "]");
        located.RawBody = Encoding.UTF8.GetString(json);
        return located;
    }

    /// <summary>What a failed read means to the caller: cancellation, a broken connection, or (null) the error itself.</summary>
    private Exception? Translate(Exception error, CancellationToken token)
    {
        if (token.IsCancellationRequested)
        {
            return error is OperationCanceledException ? null : new OperationCanceledException("The stream was cancelled.", error, token);
        }

        return error is IOException or HttpRequestException or ObjectDisposedException
            ? new ApiConnectionException($"The stream broke after {ItemCount} item(s): {error.Message}", error)
            : null;
    }
}
