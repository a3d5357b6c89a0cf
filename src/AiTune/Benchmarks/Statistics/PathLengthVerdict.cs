namespace AiTune.Benchmarks.Statistics;

/// <summary>One metric of a path-length compare (<see cref="PathLengthComparison"/>): the boots' medians on each
/// side, the ratio of their medians and the verdict with its reason in words.</summary>
public sealed record PathLengthVerdict
{
    public required string Name { get; init; }

    public required MetricDirection Direction { get; init; }

    /// <summary>Each baseline boot's median, in run order.</summary>
    public required IReadOnlyList<double> BaselineRunMedians { get; init; }

    public required IReadOnlyList<double> CandidateRunMedians { get; init; }

    /// <summary>The candidate's median over the baseline's (of the boots' medians), whatever the direction.</summary>
    public required double Ratio { get; init; }

    /// <summary>The larger of the two kernels' spreads between their own boots (largest over smallest, minus one).</summary>
    public required double Spread { get; init; }

    /// <summary>Every boot of one side lies beyond every boot of the other.</summary>
    public required bool RangesDisjoint { get; init; }

    public required ChangeVerdict Verdict { get; init; }

    public required string Reason { get; init; }
}
