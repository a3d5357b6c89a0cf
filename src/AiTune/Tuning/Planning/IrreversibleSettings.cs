using AiTune.Knobs;

namespace AiTune.Tuning.Planning;

/// <summary>Values the kernel makes one-way: once written, only a reboot takes them back, so rollback cannot.
/// From Documentation/admin-guide/sysctl/kernel.rst and Documentation/admin-guide/LSM/Yama.rst.</summary>
public static class IrreversibleSettings
{
    /// <summary>Why writing <paramref name="value"/> to <paramref name="knob"/> cannot be undone, or null.</summary>
    public static string? Why(Knob knob, string value)
    {
        if (knob.Kind != KnobKind.Sysctl)
        {
            return null;
        }

        return (knob.Name, value.Trim()) switch
        {
            ("kernel.modules_disabled", "1") => "kernel.modules_disabled=1 cannot be cleared: no module loads until reboot (GPU drivers included)",
            ("kernel.kexec_load_disabled", "1") => "kernel.kexec_load_disabled=1 cannot be cleared until reboot (kdump and kexec reboots stop working)",
            ("kernel.yama.ptrace_scope", "3") => "kernel.yama.ptrace_scope=3 cannot be lowered until reboot",
            ("kernel.unprivileged_bpf_disabled", "1") => "kernel.unprivileged_bpf_disabled=1 cannot be cleared until reboot (2 can)",
            _ when knob.Name.StartsWith("kernel.kexec_load_limit_", StringComparison.Ordinal) => $"{knob.Name} can only be lowered, never raised again until reboot",
            _ => null,
        };
    }
}
