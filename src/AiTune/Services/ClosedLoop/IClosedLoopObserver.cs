using AiTune.Benchmarks;
using AiTune.Tuning.Transactions;

namespace AiTune.Services.ClosedLoop;

/// <summary>What the loop tells whoever shows its progress (the command line prints it).</summary>
public interface IClosedLoopObserver
{
    /// <summary>Before the first run: the runs a side the loop will measure, and the fewest that can show a change.</summary>
    void Planned(int runsPerSide, int runsPerSideNeeded, int metrics);

    /// <summary>A run is about to be measured: <paramref name="index"/> counts from 1 up to 2 × runs a side.</summary>
    void Measuring(LoopArm arm, int index, int total);

    void Measured(BenchmarkRun run);

    /// <summary>The profile was applied; <paramref name="first"/> for the first apply of the loop.</summary>
    void Applied(ApplyReport report, bool first);

    void RolledBack(RollbackReport report);
}
