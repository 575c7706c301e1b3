namespace Telnyx.Sip.Runtime;

/// <summary>How the items of a streamed response are framed on the wire.</summary>
public enum ItemStreamFormat
{
    /// <summary><c>text/event-stream</c>: server-sent events, each event's <c>data</c> one JSON item.</summary>
    ServerSentEvents,

    /// <summary><c>application/jsonl</c> and <c>application/x-ndjson</c>: one JSON item a line.</summary>
    JsonLines,

    /// <summary><c>application/json-seq</c> (RFC 7464): each JSON item after a record separator (0x1E).</summary>
    JsonSequence,
}

/// <summary>A server-sent event whose type is not one the spec gives items for: kept as it came, not read.</summary>
public sealed class ApiStreamEvent
{
    /// <summary>Creates the event.</summary>
    /// <param name="eventType">The event's <c>event</c> field (<c>message</c> when it had none).</param>
    /// <param name="data">The event's <c>data</c>, its lines joined with line feeds.</param>
    /// <param name="id">The last event id seen when the event arrived.</param>
    public ApiStreamEvent(string eventType, string data, string? id)
    {
        EventType = eventType;
        Data = data;
        Id = id;
    }

    /// <summary>The event's type (<c>message</c> when it named none).</summary>
    public string EventType { get; }

    /// <summary>The event's data as text.</summary>
    public string Data { get; }

    /// <summary>The last event id the server had sent when this event arrived; null when none.</summary>
    public string? Id { get; }

    /// <inheritdoc />
    public override string ToString() => $"{EventType}: {Data}";
}
