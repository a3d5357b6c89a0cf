namespace AiTune.Lab.Guest;

/// <summary>
/// A lab guest boots with <c>norandmaps</c> (<see cref="FixedLayoutWord"/>), so aitune, started as PID 1 with
/// randomization off, has the same address space in every boot: fork's cost follows the forking process's page
/// tables, and a randomized layout (where regions fall against 2 MiB boundaries, so which of them transparent huge
/// pages back) moved fork+exit by 2 % between six boots of one 6.1 kernel, against 0.1 % with the fixed layout
/// (measured before PID 1 kept huge pages out of its memory, <see cref="BasePagesOnly"/>; with base pages only the
/// layout still decides how many page-table pages the mappings need, but how much that moves fork is unmeasured). The
/// word also sets kernel.randomize_va_space to 0 for everything the guest runs afterwards, which its audit and
/// snapshot would report as the kernel's: <see cref="Restore"/> puts the kernel's own default back first. PID 1 keeps
/// the fixed layout it was started with (the kernel decides randomization at exec), and so do the processes it forks.
/// </summary>
public static class AddressSpaceLayout
{
    /// <summary>The kernel word that starts init without address space randomization.</summary>
    public const string FixedLayoutWord = "norandmaps";

    public const string SysctlPath = "/proc/sys/kernel/randomize_va_space";

    /// <summary>The value the kernel starts with when no word changes it (mm/memory.c): 1 (no heap randomization) when
    /// it was built with CONFIG_COMPAT_BRK, else 2.</summary>
    public static string KernelDefault(string? config)
    {
        foreach (var range in (config ?? "").AsSpan().Split('\n'))
        {
            if ((config ?? "").AsSpan(range).TrimEnd('\r').SequenceEqual("CONFIG_COMPAT_BRK=y"))
            {
                return "1";
            }
        }

        return "2";
    }

    /// <summary>When the command line has <see cref="FixedLayoutWord"/>, writes the kernel's default (from the
    /// configuration the image holds at /boot/config-R) back to kernel.randomize_va_space; null when done or not
    /// needed, else why not, for the console.</summary>
    public static string? Restore(string commandLine, string release)
    {
        if (!LabKernelArguments.Words(commandLine).TakeWhile(w => w != "--").Contains(FixedLayoutWord))
        {
            return null;
        }

        string value = KernelDefault(BoundedFile.ReadText("/boot/config-" + release, ConfigMaxBytes));
        try
        {
            File.WriteAllText(SysctlPath, value + "\n");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot put {SysctlPath} back to {value}: {e.GetType().Name}";
        }
    }

    /// <summary>A kernel configuration is 150–300 KB; 4 MiB bounds a hostile image's file.</summary>
    private const int ConfigMaxBytes = 4 << 20;
}
