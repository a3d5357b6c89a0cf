namespace AiTune.Inspection.Kernel;

/// <summary>The /proc/version line, taken apart.</summary>
/// <param name="Line">The whole line, without the newline.</param>
/// <param name="Release">The release after "Linux version " (uname -r).</param>
/// <param name="BuildFlags">The build words of the UTS version after "#N": SMP, PREEMPT, PREEMPT_DYNAMIC, PREEMPT_RT
/// (init/Makefile writes them from CONFIG_SMP, CONFIG_PREEMPT_BUILD, CONFIG_PREEMPT_DYNAMIC and CONFIG_PREEMPT_RT).</param>
public sealed record ProcVersion(string Line, string Release, IReadOnlyList<string> BuildFlags)
{
    public bool Has(string flag) => BuildFlags.Contains(flag);
}
