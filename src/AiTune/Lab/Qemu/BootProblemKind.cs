namespace AiTune.Lab.Qemu;

/// <summary>What the console log says went wrong with a guest's boot, worst first.</summary>
public enum BootProblemKind
{
    /// <summary>The kernel found no init to run, or init exited: aitune's payload did not run (or ended, which PID 1
    /// must never do).</summary>
    PayloadDidNotRun,

    /// <summary>"Kernel panic - not syncing" for another reason.</summary>
    Panic,

    /// <summary>An oops, a BUG, a general protection fault.</summary>
    Oops,

    /// <summary>A soft or hard lockup, an RCU stall, a hung task.</summary>
    Lockup,

    /// <summary>Any other message at crit, alert or emerg level (KernelCI's baseline gate).</summary>
    CriticalMessage,
}
