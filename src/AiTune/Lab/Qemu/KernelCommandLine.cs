namespace AiTune.Lab.Qemu;

/// <summary>The guest kernel's command line. Fatal-fast like lkp's: a panic reboots at once (<c>panic=-1</c>), which
/// QEMU's -no-reboot turns into an exit; an oops or a soft lockup is a panic. Only crit, alert and emerg messages reach
/// the console (<c>loglevel=3</c>), each with its timestamp (<c>printk.time=1</c>), so every timestamped console line
/// is one the boot-health gate must see and the guest's own lines (no timestamp) are told apart. Init starts with
/// its address space unrandomized (<c>norandmaps</c>), so each boot of a kernel measures the same process
/// (<see cref="Guest.AddressSpaceLayout"/>).</summary>
public static class KernelCommandLine
{
    /// <summary>The word that tells aitune, started as PID 1, that it is a lab guest.</summary>
    public const string LabFlag = Guest.LabKernelArguments.LabFlag;

    /// <summary>The clocksource pin under TCG: multi-threaded TCG makes 6.1 distrust the TSC and fall back to the
    /// HPET while 6.12 keeps the TSC (a 20× difference in clock_gettime), and a TSC demoted mid-run crashed 6.12 twice
    /// in the feasibility study (an int3 in the patched static branch).</summary>
    public const string TcgClocksourcePin = "tsc=reliable";

    /// <summary>The most bytes the kernel keeps of its command line on x86 (COMMAND_LINE_SIZE, 2048); more is cut off
    /// silently, which would drop the caller's last words.</summary>
    public const int MaxLength = 2048;

    /// <summary>The words in order: the console, the fatal-fast set, the lab flag, the clocksource pin when given,
    /// then the caller's words.</summary>
    public static string Build(QemuTarget target, string? clocksourcePin, IReadOnlyList<string> extra)
    {
        var words = new List<string>
        {
            "console=" + QemuTargets.ConsoleDevice(target),
            "loglevel=3",
            "printk.time=1",
            "panic=-1",
            "oops=panic",
            "softlockup_panic=1",
            "rdinit=/init",
            Guest.AddressSpaceLayout.FixedLayoutWord,
            LabFlag,
        };
        if (clocksourcePin is not null)
        {
            words.Add(clocksourcePin);
        }

        foreach (string word in extra)
        {
            words.Add(CheckWord(word));
        }

        string line = string.Join(' ', words);
        return line.Length < MaxLength
            ? line
            : throw new AiTuneException($"the guest's kernel command line would be {line.Length} bytes; the kernel keeps {MaxLength - 1}",
                "pass fewer kernel arguments");
    }

    /// <summary>A caller's word must stay one word: the kernel splits on spaces and treats quotes specially, and an
    /// init= or rdinit= would replace aitune as PID 1.</summary>
    private static string CheckWord(string word)
    {
        if (word.Length == 0 || word.Any(c => c <= ' ' || c == '"' || c == 0x7f))
        {
            throw new AiTuneException($"the kernel argument '{word}' is not one word (spaces, quotes and control characters are not allowed)",
                "pass each kernel argument separately, e.g. preempt=full");
        }

        if (word.StartsWith("init=", StringComparison.Ordinal) || word.StartsWith("rdinit=", StringComparison.Ordinal) || word == "--")
        {
            throw new AiTuneException($"the kernel argument '{word}' would stop aitune from running as the guest's init",
                "leave init=, rdinit= and -- to the lab");
        }

        return word;
    }
}
