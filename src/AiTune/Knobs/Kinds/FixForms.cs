using AiTune.Knobs.Persistence;

namespace AiTune.Knobs.Kinds;

/// <summary>The persistent forms the kinds share, worded once: a tmpfiles.d line, a GRUB parameter. The file names
/// are the ones apply --persist writes, so the audit's fix and apply name the same files.</summary>
public static class FixForms
{
    /// <summary>debugfs holds the scheduler tunables and the preemption switch, and many hosts do not mount it: the
    /// runtime fix mounts it first where it is missing, so the command works as printed.</summary>
    public const string MountDebugfs = "mountpoint -q /sys/kernel/debug || mount -t debugfs debugfs /sys/kernel/debug";

    /// <summary>Where the fix text sends a sysctl when no NN-aitune.conf name is free (apply refuses then).</summary>
    public const string NoFreeSysctlFile = "a new file in /etc/sysctl.d named after every file that sets it (no NN-aitune.conf name is free)";

    public static KnobFix KernelParameter(string parameter, string? runtime = null) =>
        new(runtime, $"add {parameter} to GRUB_CMDLINE_LINUX_DEFAULT in {PersistencePaths.Grub}, run update-grub (grub2-mkconfig -o /boot/grub2/grub.cfg on Fedora/RHEL) and reboot");

    public static KnobFix Tmpfiles(string path, string value, string runtime) =>
        new(runtime, $"add \"w {path} - - - - {value}\" to {PersistencePaths.Tmpfiles} (systemd-tmpfiles writes it at every boot)");

    /// <summary>A tmpfiles.d-persisted sysfs file as TuneD's catch-all [sysfs] plugin writes it.</summary>
    public static TunedOption Sysfs(string path, string value) => new("sysfs", path, value, Dedicated: false);
}
