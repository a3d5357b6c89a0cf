namespace AiTune.Lab.Qemu;

/// <summary>
/// Makes the kernel kill QEMU when aitune dies, even by SIGKILL, when no <c>finally</c> runs: QEMU is started through
/// util-linux's <c>setpriv --pdeathsig SIGKILL</c>, which sets PR_SET_PDEATHSIG and then executes QEMU in the same
/// process (the setting survives execve). The kernel sends the signal when the thread that started the process ends
/// (prctl(2): the "parent" is the creating thread), so <see cref="QemuRunner"/> starts QEMU from a thread of its own
/// that lives until QEMU has exited. Where setpriv is missing, QEMU starts directly and only the watchdog and
/// cancellation stop it.
/// </summary>
public static class ParentDeathGuard
{
    private static readonly string[] Candidates = ["/usr/bin/setpriv", "/bin/setpriv"];

    /// <summary>The setpriv that sets the signal; null where util-linux's setpriv is not installed.</summary>
    public static string? Setpriv { get; } = Candidates.FirstOrDefault(File.Exists);

    /// <summary>The executable and arguments that start <paramref name="command"/> under the guard (or as they are).</summary>
    public static (string Executable, IReadOnlyList<string> Arguments) Wrap(QemuCommand command, string? setpriv) =>
        setpriv is null
            ? (command.Executable, command.Arguments)
            : (setpriv, ["--pdeathsig", "SIGKILL", "--", command.Executable, .. command.Arguments]);
}
