namespace AiTune.Serialization;

/// <summary>One metric of one kernel against the baseline, as `lab run --json` writes it.</summary>
/// <param name="Verdict">improved, regressed, noSignificantChange or undecidable (as bench compare writes them).</param>
/// <param name="BaselineSpread">(largest − smallest) / median of the baseline's run medians: how far its boots agree.</param>
public sealed record LabRunVerdict(string Kernel, string Metric, string Unit, double BaselineMedian, double CandidateMedian, double Ratio,
    int BaselineRuns, int CandidateRuns, string Verdict, string Reason, double BaselineSpread, double CandidateSpread);
