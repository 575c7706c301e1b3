using System;

namespace Telnyx.Sip.Emulator;

/// <summary>Settings of an <see cref="ApiEmulator"/>. The defaults make every run produce the same ids and timestamps.</summary>
public sealed class EmulatorOptions
{
    /// <summary>Seeds the generator of ids and request ids; the same seed and the same calls give the same ids.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>
    /// Where timestamps (<c>created_at</c>, <c>updated_at</c>, generated <c>date-time</c> values) come from. When null,
    /// a deterministic clock starts at <see cref="StartTime"/> and moves on by <see cref="Tick"/> each time it is read.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>The first time the deterministic clock tells. Defaults to 2025-01-01T00:00:00Z.</summary>
    public DateTimeOffset StartTime { get; set; } = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far the deterministic clock moves on each read. Defaults to one second.</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Answers 401 in the spec's error shape when an operation the spec secures arrives without credentials (any
    /// value is accepted). On by default.
    /// </summary>
    public bool RequireCredentials { get; set; } = true;

    /// <summary>
    /// How many requests <see cref="ApiEmulator.Journal"/> keeps: the newest, the oldest dropped first. Defaults to
    /// 1,000; 0 keeps none. Bounded so that an emulator serving for hours holds bounded memory.
    /// </summary>
    public int JournalCapacity { get; set; } = 1000;

    /// <summary>The base URL the in-process handler answers at; defaults to <c>http://localhost</c> plus the path of the spec's first server.</summary>
    public Uri? BaseUrl { get; set; }
}
