namespace AiTune.Tests.Metrics;

/// <summary>A clock that never moves: collector durations are 0 and timestamps are the given moment, so an exposition
/// can be compared exactly.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static FixedClock Default { get; } = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => now;

    public override long GetTimestamp() => 0;
}
