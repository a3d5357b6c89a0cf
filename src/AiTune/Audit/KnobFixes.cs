using AiTune.Knobs;
using AiTune.Knobs.Persistence;
using AiTune.Text;

namespace AiTune.Audit;

/// <summary>The runtime command and the persistent form that set a knob, per knob kind. The persistent forms
/// are the ones that survive the next boot and a package upgrade: sysctl.d, udev, tmpfiles.d, GRUB drop-ins
/// (never rc.local).</summary>
public static class KnobFixes
{
    /// <summary>Where the fix text sends a sysctl when no NN-aitune.conf name is free (apply refuses then).</summary>
    private const string NoFreeSysctlFile = "a new file in /etc/sysctl.d named after every file that sets it (no NN-aitune.conf name is free)";
    // The files apply --persist writes, so the audit's fix and apply name the same ones.
    public const string UdevFile = PersistencePaths.UdevRule;
    public const string TmpfilesFile = PersistencePaths.Tmpfiles;
    public const string GrubFile = PersistencePaths.Grub;

    /// <summary>debugfs holds the scheduler tunables and the preemption switch, and many hosts do not mount it: the
    /// runtime fix mounts it first where it is missing, so the command works as printed.</summary>
    public const string MountDebugfs = "mountpoint -q /sys/kernel/debug || mount -t debugfs debugfs /sys/kernel/debug";

    public static Fix For(AuditContext context, Knob knob, string value, IEnumerable<string> subjects) => knob.Kind switch
    {
        KnobKind.Sysctl => Sysctl(context, knob.Name, value),
        KnobKind.Thp => Thp(knob.Name, value),
        KnobKind.Cpu => Cpu(knob.Name, value),
        KnobKind.Block => Block(knob.DeviceClass!, knob.Name, value, subjects),
        KnobKind.HugePages => HugePages(knob.Name, value, subjects.FirstOrDefault()),
        KnobKind.Scheduler => Tmpfiles($"/sys/kernel/debug/sched/{knob.Name}", value, $"{MountDebugfs}; echo {value} > /sys/kernel/debug/sched/{knob.Name} (kernels before 5.13: sysctl -w kernel.sched_{knob.Name}={value})"),
        _ => KernelParameter($"{knob.Name}={value}"),
    };

    /// <summary>The sysctl.d file apply would write on this host (<see cref="AuditContext.SysctlFile"/>), and what still
    /// overrides the key at boot after it: the same file, order and winner as apply and verify.</summary>
    public static string SysctlFile(AuditContext context) => context.SysctlFile ?? NoFreeSysctlFile;

    public static Fix Sysctl(AuditContext context, string key, string value)
    {
        var file = SysctlFile(context);
        var persistent = $"add \"{key} = {value}\" to {file}, then sysctl --system";
        if (context.SysctlFile is { } path
            && SysctlDropInName.OverridingAtBoot(context.Facts.Sysctls.BootConfiguration, path, key, value).FirstOrDefault(r => !r.IsGlob) is { } later)
        {
            persistent += later.IsExclusion
                ? $"; but {later.File}:{later.Line} excludes {key} after it (systemd-sysctl would leave it unset): remove that line"
                : $"; but {later.File}:{later.Line} sets {key} = {DisplayText.Shorten(later.Value!)} after it and wins at boot: change that line instead";
        }

        return new($"sysctl -w {key}={value}", persistent);
    }

    public static Fix KernelParameter(string parameter, string? runtime = null) =>
        new(runtime, $"add {parameter} to GRUB_CMDLINE_LINUX_DEFAULT in {GrubFile}, run update-grub (grub2-mkconfig -o /boot/grub2/grub.cfg on Fedora/RHEL) and reboot");

    public static Fix Tmpfiles(string path, string value, string runtime) =>
        new(runtime, $"add \"w {path} - - - - {value}\" to {TmpfilesFile} (systemd-tmpfiles writes it at every boot)");

    private static Fix Thp(string name, string value)
    {
        var path = "/sys/kernel/mm/transparent_hugepage/" + (name == "khugepaged_defrag" ? "khugepaged/defrag" : name);
        var runtime = $"echo {value} > {path}";
        return name == "enabled"
            ? new Fix(runtime, $"add transparent_hugepage={value} to GRUB_CMDLINE_LINUX_DEFAULT in {GrubFile} and run update-grub; or add \"w {path} - - - - {value}\" to {TmpfilesFile}")
            : Tmpfiles(path, value, runtime);
    }

    private static Fix Cpu(string name, string value) => name switch
    {
        "governor" => Tmpfiles("/sys/devices/system/cpu/cpufreq/policy*/scaling_governor", value, $"cpupower frequency-set -g {value}"),
        "energy_performance_preference" => Tmpfiles("/sys/devices/system/cpu/cpufreq/policy*/energy_performance_preference", value,
            $"echo {value} | tee /sys/devices/system/cpu/cpufreq/policy*/energy_performance_preference"),
        _ => Tmpfiles("/sys/devices/system/cpu/cpufreq/boost", value,
            $"echo {value} > /sys/devices/system/cpu/cpufreq/boost (intel_pstate: echo {(value == "1" ? 0 : 1)} > /sys/devices/system/cpu/intel_pstate/no_turbo)"),
    };

    /// <param name="node">"nodeN" for a node's share, null for the host-wide pool.</param>
    private static Fix HugePages(string size, string value, string? node)
    {
        long kb = long.Parse(size[..^2], System.Globalization.CultureInfo.InvariantCulture);
        var sizeParameter = kb % (1 << 20) == 0 ? $"{kb >> 20}G" : kb % 1024 == 0 ? $"{kb >> 10}M" : $"{kb}K";
        var path = node is null ? $"/sys/kernel/mm/hugepages/hugepages-{size}/nr_hugepages" : $"/sys/devices/system/node/{node}/hugepages/hugepages-{size}/nr_hugepages";
        var count = node is null ? value : $"{node["node".Length..]}:{value}";
        return new Fix($"echo 1 > /proc/sys/vm/compact_memory; echo {value} > {path} (then read it back: the kernel may grant fewer)",
            $"reserve at boot, before memory fragments: add hugepagesz={sizeParameter} hugepages={count} to GRUB_CMDLINE_LINUX_DEFAULT in {GrubFile}" +
            (node is null ? "" : " (per-node counts need kernel 5.18+)") + ", run update-grub and reboot");
    }

    private static Fix Block(string deviceClass, string attribute, string value, IEnumerable<string> subjects)
    {
        var match = deviceClass switch
        {
            "nvme" => "KERNEL==\"nvme[0-9]*n[0-9]*\"",
            "hdd" => "KERNEL==\"sd[a-z]*\", ATTR{queue/rotational}==\"1\"",
            _ => "KERNEL==\"sd[a-z]*|vd[a-z]*|xvd[a-z]*\", ATTR{queue/rotational}==\"0\"",
        };
        var runtime = string.Join("; ", subjects.Select(s => $"echo {value} > /sys/block/{s}/queue/{attribute}"));
        return new Fix(runtime.Length == 0 ? null : runtime,
            $"add to {UdevFile}: ACTION==\"add|change\", SUBSYSTEM==\"block\", {match}, ATTR{{queue/{attribute}}}=\"{value}\"");
    }
}
