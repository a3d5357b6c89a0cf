using AiTune.Benchmarks.Statistics;

namespace AiTune.Services.Lab;

/// <summary>One metric of one kernel against the baseline.</summary>
/// <param name="Kernel">The candidate kernel's key.</param>
/// <param name="Unit">"instructions" under the instructions measure; the suite's unit under time.</param>
/// <param name="Ratio">The candidate's median over the baseline's (below 1: smaller values).</param>
/// <param name="Reason">What decided the verdict, in words.</param>
/// <param name="BaselineSpread">The spread between the baseline's boots: (largest − smallest run median) / median of
/// the run medians; 0 with one run.</param>
/// <param name="CandidateSpread">The same for the candidate's boots.</param>
public sealed record LabMetricVerdict(string Kernel, string Metric, string Unit, double BaselineMedian, double CandidateMedian, double Ratio,
    int BaselineRuns, int CandidateRuns, ChangeVerdict Verdict, string Reason, double BaselineSpread, double CandidateSpread)
{
    /// <summary>The spread of one side's run medians (see <see cref="BaselineSpread"/>).</summary>
    public static double Spread(IReadOnlyList<double> runMedians)
    {
        if (runMedians.Count < 2)
        {
            return 0;
        }

        var sorted = runMedians.Order().ToArray();
        double middle = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        return middle == 0 ? 0 : (sorted[^1] - sorted[0]) / Math.Abs(middle);
    }
}
