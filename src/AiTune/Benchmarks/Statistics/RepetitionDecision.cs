namespace AiTune.Benchmarks.Statistics;

/// <summary>
/// The repetition rule's answer: whether to go on, the median interval's relative half-width it was judged on, and
/// the summary of the samples so far (which is the result when the answer is to stop).
/// </summary>
public sealed record RepetitionDecision(RepetitionOutcome Outcome, double RelativeHalfWidth, SampleSummary Summary)
{
    public bool ShouldStop => Outcome != RepetitionOutcome.Continue;
}
