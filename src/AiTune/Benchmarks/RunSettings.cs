using AiTune.Benchmarks.Statistics;

namespace AiTune.Benchmarks;

/// <summary>How hard the runner tries: warm-up repetitions discarded, then repetitions until every metric's median
/// is known to the target width, the maximum count, or the case's time budget (at least 3 samples regardless).</summary>
public sealed record RunSettings(int WarmupCount, RepetitionSettings Repetition, TimeSpan CaseBudget, bool Quick)
{
    /// <summary>1 warm-up, 10 to 100 repetitions to ±2 %, 30 s per case.</summary>
    public static RunSettings Standard { get; } = new(1, new RepetitionSettings(0.02, 10, 100), TimeSpan.FromSeconds(30), false);

    /// <summary>1 warm-up, 5 to 30 repetitions to ±5 %, 4 s per case: a first look, not a verdict.</summary>
    public static RunSettings QuickLook { get; } = new(1, new RepetitionSettings(0.05, 5, 30), TimeSpan.FromSeconds(4), true);
}
