namespace AiTune.Lab.Qemu;

/// <summary>The verdict on one guest's console log: a round counts only when it is healthy.</summary>
/// <param name="Problems">What went wrong, in console order; empty when healthy.</param>
/// <param name="LastLines">The last console lines, escaped for display, for the report of a failed round.</param>
/// <param name="PowerOffSeconds">The kernel's timestamp on "reboot: Power down": the guest's own time from boot to
/// power-off, which under -icount counts instructions (1 ns each) and so does not move with the host's load; null
/// when the guest did not power off.</param>
public sealed record BootHealthReport(IReadOnlyList<BootProblem> Problems, IReadOnlyList<string> LastLines, double? PowerOffSeconds = null)
{
    public bool Healthy => Problems.Count == 0;

    /// <summary>The worst problem (lowest <see cref="BootProblemKind"/>), or null when healthy.</summary>
    public BootProblem? Worst => Problems.OrderBy(p => p.Kind).FirstOrDefault();
}
