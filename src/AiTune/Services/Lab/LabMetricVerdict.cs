using AiTune.Benchmarks.Statistics;

namespace AiTune.Services.Lab;

/// <summary>One metric of one kernel against the baseline.</summary>
/// <param name="Kernel">The candidate kernel's key.</param>
/// <param name="Unit">"instructions" under the instructions measure; the suite's unit under time.</param>
/// <param name="Ratio">The candidate's median over the baseline's (below 1: smaller values).</param>
/// <param name="Reason">What decided the verdict, in words.</param>
public sealed record LabMetricVerdict(string Kernel, string Metric, string Unit, double BaselineMedian, double CandidateMedian, double Ratio,
    int BaselineRuns, int CandidateRuns, ChangeVerdict Verdict, string Reason);
