namespace AiTune.Lab.Qemu;

/// <summary>The verdict on one guest's console log: a round counts only when it is healthy.</summary>
/// <param name="Problems">What went wrong, in console order; empty when healthy.</param>
/// <param name="LastLines">The last console lines, escaped for display, for the report of a failed round.</param>
public sealed record BootHealthReport(IReadOnlyList<BootProblem> Problems, IReadOnlyList<string> LastLines)
{
    public bool Healthy => Problems.Count == 0;

    /// <summary>The worst problem (lowest <see cref="BootProblemKind"/>), or null when healthy.</summary>
    public BootProblem? Worst => Problems.OrderBy(p => p.Kind).FirstOrDefault();
}
