using AiTune.Facts;
using AiTune.Inspection.Kernel;

namespace AiTune.Inspection.Sysctl;

/// <summary>The sysctl.* parameters of the kernel command line as a sysctl file applied before every other. Since
/// Linux 5.8 (commit 3db978d480e2 "kernel/sysctl: support setting sysctl parameters from kernel command line") the
/// kernel writes <c>sysctl.vm.swappiness=10</c> (or <c>sysctl.vm/swappiness=10</c>) to /proc/sys/vm/swappiness
/// during boot, before init runs; systemd-sysctl and <c>sysctl --system</c> run later, so a file that sets the
/// same key wins and the value after boot is the file's. Older kernels ignore the parameters.</summary>
public static class KernelCommandLineSysctls
{
    private const string Prefix = "sysctl.";
    private const string SlashPrefix = "sysctl/";
    private static readonly KernelVersion FirstKernel = new(5, 8);

    /// <summary>The parameters as assignments ("line" = the parameter's position, from 1); empty when the command
    /// line is unknown, has none, or the kernel predates 5.8. An unknown release is taken as new enough: what a
    /// parameter asks is reported rather than hidden.</summary>
    public static SysctlConfigFile From(Fact<KernelCommandLine> cmdline, Fact<string> release)
    {
        var empty = new SysctlConfigFile(SysctlConfigDiscovery.KernelCommandLine, [], [], []);
        if (!cmdline.TryGet(out var line) || (KernelVersion.FromRelease(release).TryGet(out var version) && version.CompareTo(FirstKernel) < 0))
        {
            return empty;
        }

        var assignments = new List<SysctlAssignment>();
        for (int i = 0; i < line.Parameters.Count; i++)
        {
            var parameter = line.Parameters[i];
            if (parameter.Value is not { } value
                || !(parameter.Name.StartsWith(Prefix, StringComparison.Ordinal) || parameter.Name.StartsWith(SlashPrefix, StringComparison.Ordinal)))
            {
                continue;
            }

            var key = parameter.Name[Prefix.Length..].Replace('/', '.');
            if (key.Length > 0 && key.Split('.').All(part => part.Length > 0 && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
            {
                assignments.Add(new SysctlAssignment(key, value, SysctlConfigDiscovery.KernelCommandLine, i + 1, false));
            }
        }

        return empty with { Assignments = assignments };
    }
}
