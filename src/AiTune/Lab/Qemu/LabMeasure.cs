namespace AiTune.Lab.Qemu;

/// <summary>What a lab guest's timings mean.</summary>
public enum LabMeasure
{
    /// <summary>Wall-clock time: a performance measure under KVM; noise and emulator artefacts under TCG.</summary>
    Time,

    /// <summary>TCG with -icount shift=0 on one vCPU: every guest instruction advances the guest's clock by 1 ns,
    /// so a "time" inside the guest is a deterministic count of instructions executed (path length, not speed).</summary>
    Instructions,
}
