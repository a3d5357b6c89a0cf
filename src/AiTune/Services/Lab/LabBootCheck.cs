using AiTune.Lab.Guest;

namespace AiTune.Services.Lab;

/// <summary>One boot of `aitune lab boot`: how long QEMU ran from its start to its exit, and the kernel as the guest
/// saw it, or why the boot failed.</summary>
/// <param name="Kernel">The kernel's key (A, B …).</param>
/// <param name="WallSeconds">QEMU's start to its exit: boot, PID 1's set-up, the identity, the results, power-off.</param>
/// <param name="Identity">What the guest reported; null for a failed boot.</param>
/// <param name="Failure">Why the boot failed, in words; null when it did not.</param>
/// <param name="ConsoleTail">The console's last lines, for a failed boot.</param>
/// <param name="GuestSeconds">The guest's own boot-to-power-off time (<see cref="AiTune.Lab.Qemu.BootHealthReport.PowerOffSeconds"/>):
/// under the instructions measure, billions of instructions, the same on a busy host as on an idle one.</param>
public sealed record LabBootCheck(string Kernel, string Release, int Round, double WallSeconds, GuestIdentity? Identity, string? Failure,
    IReadOnlyList<string> ConsoleTail, double? GuestSeconds);
