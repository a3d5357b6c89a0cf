using System.Text.RegularExpressions;
using AiTune.Text;

namespace AiTune.Lab.Qemu;

/// <summary>
/// Judges a guest's boot from its console log, KernelCI-baseline style: no panic, no oops, no lockup, no message at
/// crit, alert or emerg level. The lab's kernel command line makes this decidable from the console alone: with
/// loglevel=3 the kernel prints only messages below level 3 (emerg 0, alert 1, crit 2), and with printk.time=1 each
/// of them carries a "[ seconds.micros]" stamp, while what the guest's processes write to /dev/console has none. So
/// every stamped line is a crit-or-worse kernel message, and only the patterns below decide which kind.
/// </summary>
public static partial class BootHealth
{
    public const int DefaultLastLines = 40;

    /// <summary>Emerg lines a clean run prints: the kernel announces power-off with pr_emerg.</summary>
    private static readonly string[] ExpectedLines = ["reboot: Power down"];

    private static readonly string[] InitFailures =
    [
        "No working init found",
        "Attempted to kill init!",
        "VFS: Unable to mount root fs",
        "Requested init",
    ];

    private static readonly string[] LockupMarks =
    [
        "soft lockup",
        "hard LOCKUP",
        "self-detected stall",
        "detected stalls on CPUs",
        "rcu_sched detected stall",
        "blocked for more than",
    ];

    private static readonly string[] OopsMarks =
    [
        "Oops:",
        "BUG:",
        "kernel BUG at",
        "general protection fault",
        "Internal error: Oops",
        "Unable to handle kernel",
    ];

    /// <summary>Whether the console holds any kernel message (a stamped line): proof that the kernel ran at all.</summary>
    public static bool HasKernelMessage(string console) =>
        console.Split('\n').Any(line => Timestamp().IsMatch(line.TrimEnd('\r')));

    public static BootHealthReport Judge(string console, int lastLines = DefaultLastLines)
    {
        var lines = console.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var problems = new List<BootProblem>();
        double? powerOff = null;
        bool crashed = false;
        foreach (string raw in lines)
        {
            var stamp = Timestamp().Match(raw);
            if (!stamp.Success)
            {
                continue;
            }

            string message = raw[stamp.Length..];
            var kind = Classify(message);
            if (kind is null)
            {
                if (!crashed && message.StartsWith(ExpectedLines[0], StringComparison.Ordinal))
                {
                    powerOff = double.Parse(raw.AsSpan(raw.IndexOf('[') + 1, raw.IndexOf(']') - raw.IndexOf('[') - 1).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }

                if (crashed || ExpectedLines.Any(e => message.StartsWith(e, StringComparison.Ordinal)))
                {
                    // After a crash, the stamped lines are its trace (registers, call trace), not new problems.
                    continue;
                }

                kind = BootProblemKind.CriticalMessage;
            }
            else
            {
                crashed = true;
            }

            problems.Add(new BootProblem(kind.Value, DisplayText.Escape(message.Trim())));
        }

        var tail = lines.Where(l => l.Length > 0).TakeLast(lastLines).Select(DisplayText.Escape).ToList();
        return new BootHealthReport(problems, tail, powerOff);
    }

    private static BootProblemKind? Classify(string message)
    {
        if (message.Contains("Kernel panic - not syncing", StringComparison.Ordinal))
        {
            if (message.StartsWith("---[ end", StringComparison.Ordinal))
            {
                return null;
            }

            return InitFailures.Any(f => message.Contains(f, StringComparison.Ordinal))
                ? BootProblemKind.PayloadDidNotRun
                : BootProblemKind.Panic;
        }

        if (LockupMarks.Any(m => message.Contains(m, StringComparison.Ordinal)))
        {
            return BootProblemKind.Lockup;
        }

        return OopsMarks.Any(m => message.Contains(m, StringComparison.Ordinal)) ? BootProblemKind.Oops : null;
    }

    /// <summary>printk's "[%5lu.%06lu] " prefix; with CONFIG_PRINTK_CALLER a "[T123]" or "[C0]" follows.</summary>
    [GeneratedRegex(@"^\[\s*\d+\.\d{6}\]\s?(?:\[\s*[TC]\d+\]\s?)?")]
    private static partial Regex Timestamp();
}
