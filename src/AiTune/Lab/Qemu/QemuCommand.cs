namespace AiTune.Lab.Qemu;

/// <summary>A QEMU invocation as a value: the executable and its arguments, one string each, never a shell line.</summary>
/// <param name="Executable">The emulator's absolute path.</param>
/// <param name="Arguments">The argument vector after the executable.</param>
/// <param name="KernelCommandLine">The text passed with -append, for the run's fingerprint.</param>
/// <param name="ClocksourcePin">The kernel argument that pins the guest clocksource ("tsc=reliable"), or null when
/// none is pinned (KVM: kvm-clock). The guest still reports the clocksource it ended up with.</param>
/// <param name="Cpus">The vCPUs the guest really gets.</param>
/// <param name="HostCpus">The host CPUs QEMU is pinned to (<see cref="HostCpuPin"/>); null for none.</param>
public sealed record QemuCommand(
    string Executable,
    IReadOnlyList<string> Arguments,
    string KernelCommandLine,
    string? ClocksourcePin,
    int Cpus,
    IReadOnlyList<int>? HostCpus = null)
{
    /// <summary>The command as a person would type it, for logs and bug reports (arguments with spaces quoted); never
    /// executed.</summary>
    public string Display() => string.Join(' ', new[] { Executable }.Concat(Arguments).Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_=,.:/+@%".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
