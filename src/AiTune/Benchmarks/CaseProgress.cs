namespace AiTune.Benchmarks;

/// <summary>Where a running case stands, reported after preparation, after each repetition and at the end.</summary>
/// <param name="Samples">Repetitions measured so far, warm-up excluded.</param>
/// <param name="EstimatedRemaining">The runner's estimate: the smaller of the budget left and the repetitions left at
/// the average pace so far.</param>
public sealed record CaseProgress(string Case, int Samples, int MaximumSamples, TimeSpan Elapsed, TimeSpan EstimatedRemaining, bool Done);
