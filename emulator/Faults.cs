using System;
using System.Collections.Generic;

namespace Telnyx.Sip.Emulator;

/// <summary>What an injected fault does to a request.</summary>
public enum FaultKind
{
    /// <summary>Answers with an error status (429, 503, …) in the spec's error shape, optionally with <c>Retry-After</c>.</summary>
    Status,

    /// <summary>Drops the connection: the in-process handler throws <see cref="System.Net.Http.HttpRequestException"/>, the server aborts.</summary>
    DropConnection,

    /// <summary>Waits, then answers normally (the wait honours the request's cancellation).</summary>
    Latency,
}

/// <summary>A fault to inject; create one with the factory methods.</summary>
public sealed record Fault
{
    private Fault(FaultKind kind) => Kind = kind;

    /// <summary>What the fault does.</summary>
    public FaultKind Kind { get; }

    /// <summary>The status answered, for <see cref="FaultKind.Status"/>.</summary>
    public int StatusCode { get; private init; }

    /// <summary>The <c>Retry-After</c> sent (in whole seconds), or null for none.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>How long a <see cref="FaultKind.Latency"/> fault waits.</summary>
    public TimeSpan Delay { get; private init; }

    /// <summary>Only requests this predicate accepts are affected; null for all.</summary>
    public Func<EmulatorRequest, bool>? When { get; init; }

    /// <summary>429 Too Many Requests with <c>Retry-After</c> (default 1 second; <see cref="TimeSpan.Zero"/> sends <c>0</c>).</summary>
    public static Fault TooManyRequests(TimeSpan? retryAfter = null) =>
        new(FaultKind.Status) { StatusCode = 429, RetryAfter = retryAfter ?? TimeSpan.FromSeconds(1) };

    /// <summary>503 Service Unavailable, with <c>Retry-After</c> when given.</summary>
    public static Fault ServiceUnavailable(TimeSpan? retryAfter = null) =>
        new(FaultKind.Status) { StatusCode = 503, RetryAfter = retryAfter };

    /// <summary>Any error status, with <c>Retry-After</c> when given.</summary>
    public static Fault Error(int statusCode, TimeSpan? retryAfter = null) =>
        statusCode is >= 400 and <= 599
            ? new(FaultKind.Status) { StatusCode = statusCode, RetryAfter = retryAfter }
            : throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "A fault's status must be 4xx or 5xx.");

    /// <summary>The connection drops before an answer.</summary>
    public static Fault DropConnection() => new(FaultKind.DropConnection);

    /// <summary>The answer comes after <paramref name="delay"/>.</summary>
    public static Fault Latency(TimeSpan delay) =>
        delay >= TimeSpan.Zero ? new(FaultKind.Latency) { Delay = delay } : throw new ArgumentOutOfRangeException(nameof(delay));
}

/// <summary>
/// Faults waiting for requests: the next N matching calls, or a share of calls (chosen by the emulator's seeded random
/// numbers, so a run repeats). Thread-safe.
/// </summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly List<(Fault Fault, int Remaining)> _next = [];
    private readonly List<(Fault Fault, double Share)> _shares = [];
    private Random _random;
    private readonly int _seed;

    internal FaultInjector(int seed)
    {
        _seed = seed;
        _random = new Random(seed);
    }

    /// <summary>The next <paramref name="count"/> requests (that <see cref="Fault.When"/> accepts) get <paramref name="fault"/>.</summary>
    public FaultInjector Next(int count, Fault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_gate)
        {
            _next.Add((fault, count));
        }

        return this;
    }

    /// <summary>Each request (that <see cref="Fault.When"/> accepts) gets <paramref name="fault"/> with probability <paramref name="share"/> (0 to 1).</summary>
    public FaultInjector Sometimes(double share, Fault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (share is < 0 or > 1 || double.IsNaN(share))
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "The share must be between 0 and 1.");
        }

        lock (_gate)
        {
            _shares.Add((fault, share));
        }

        return this;
    }

    /// <summary>Removes every waiting fault.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _next.Clear();
            _shares.Clear();
            _random = new Random(_seed);
        }
    }

    /// <summary>The fault for this request, if any: counted faults first, in the order they were added.</summary>
    internal Fault? Take(EmulatorRequest request)
    {
        lock (_gate)
        {
            for (int i = 0; i < _next.Count; i++)
            {
                (Fault fault, int remaining) = _next[i];
                if (fault.When is null || fault.When(request))
                {
                    if (remaining <= 1)
                    {
                        _next.RemoveAt(i);
                    }
                    else
                    {
                        _next[i] = (fault, remaining - 1);
                    }

                    return fault;
                }
            }

            foreach ((Fault fault, double share) in _shares)
            {
                if ((fault.When is null || fault.When(request)) && _random.NextDouble() < share)
                {
                    return fault;
                }
            }

            return null;
        }
    }
}
