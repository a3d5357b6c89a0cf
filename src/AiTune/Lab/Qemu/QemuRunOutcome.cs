namespace AiTune.Lab.Qemu;

/// <summary>What one guest run came to on the host side.</summary>
/// <param name="Exit">Powered off, timed out, or crashed.</param>
/// <param name="ExitCode">QEMU's exit code (null when it timed out and was killed).</param>
/// <param name="WallTime">From QEMU's start to its exit.</param>
/// <param name="Load">The host's load during the run.</param>
/// <param name="QemuMessages">What QEMU itself printed on stdout and stderr (bounded): why it could not start.</param>
/// <param name="Console">The guest's console log (its last part when large).</param>
public sealed record QemuRunOutcome(
    QemuExit Exit,
    int? ExitCode,
    TimeSpan WallTime,
    HostLoad Load,
    string QemuMessages,
    string Console);
