namespace AiTune.Services.ClosedLoop;

/// <summary>
/// The order of the runs: pairs AB, BA, BA, AB, AB, BA, … (baseline A, candidate B), so every stretch of four runs is
/// ABBA or BAAB. Whatever drifts slowly while the loop measures (the page cache filling, a neighbour's job ramping up,
/// the CPU warming) falls on both sides alike, instead of on every candidate run as in "all of A, then all of B". It
/// starts with A because the host starts without the profile; where it ends on A, a kept profile is applied once more.
/// </summary>
public static class InterleavedSchedule
{
    public static IReadOnlyList<LoopArm> Of(int runsPerSide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runsPerSide, 1);
        var arms = new List<LoopArm>(2 * runsPerSide);
        for (int pair = 0; pair < runsPerSide; pair++)
        {
            bool baselineFirst = (pair % 4) is 0 or 3;
            arms.Add(baselineFirst ? LoopArm.Baseline : LoopArm.Candidate);
            arms.Add(baselineFirst ? LoopArm.Candidate : LoopArm.Baseline);
        }

        return arms;
    }
}
