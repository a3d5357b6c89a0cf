using AiTune.Facts;
using AiTune.Inspection.Cpu;
using AiTune.Knobs;
using AiTune.Profiles;

namespace AiTune.Audit.Rules;

/// <summary>Kernel hardening, after kernel-hardening-checker (KSPP) and CIS, with what each costs an AI host.</summary>
public static class SecurityRules
{
    private const string KernelSysctlDoc = "Documentation/admin-guide/sysctl/kernel.rst";
    private const string Khc = "kernel-hardening-checker (KSPP)";

    public static IEnumerable<Rule> All =>
    [
        new KnobRule("SEC001", Category.Security, Knob.Sysctl("kernel.kptr_restrict"), "Kernel pointers are hidden", Severity.Medium),
        new KnobRule("SEC002", Category.Security, Knob.Sysctl("kernel.dmesg_restrict"), "The kernel log is for administrators", Severity.Low),
        new KnobRule("SEC003", Category.Security, Knob.Sysctl("kernel.unprivileged_bpf_disabled"), "Unprivileged BPF is off", Severity.High),
        new KnobRule("SEC004", Category.Security, Knob.Sysctl("net.core.bpf_jit_harden"), "The BPF JIT is hardened", Severity.Low),
        new KnobRule("SEC005", Category.Security, Knob.Sysctl("kernel.yama.ptrace_scope"), "Processes cannot trace their siblings", Severity.Medium),
        new KnobRule("SEC006", Category.Security, Knob.Sysctl("kernel.kexec_load_disabled"), "Loading a new kernel at runtime is disabled", Severity.Low),
        new KnobRule("SEC007", Category.Security, Knob.Sysctl("kernel.perf_event_paranoid"), "Performance events are restricted", Severity.Low),
        new KnobRule("SEC008", Category.Security, Knob.Sysctl("fs.protected_symlinks"), "Symlinks in sticky directories are protected", Severity.Medium),
        new KnobRule("SEC009", Category.Security, Knob.Sysctl("fs.protected_hardlinks"), "Hard links to others' files are refused", Severity.Medium),
        new KnobRule("SEC010", Category.Security, Knob.Sysctl("fs.protected_fifos"), "FIFOs in sticky directories are protected", Severity.Low),
        new KnobRule("SEC011", Category.Security, Knob.Sysctl("fs.protected_regular"), "Regular files in sticky directories are protected", Severity.Low),
        new KnobRule("SEC012", Category.Security, Knob.Sysctl("fs.suid_dumpable"), "Privileged processes do not dump core", Severity.Medium),
        new KnobRule("SEC013", Category.Security, Knob.Sysctl("kernel.randomize_va_space"), "Address space layout is randomized", Severity.High),
        new KnobRule("SEC014", Category.Security, Knob.Sysctl("vm.unprivileged_userfaultfd"), "userfaultfd is for privileged users", Severity.Low),
        new KnobRule("SEC015", Category.Security, Knob.Sysctl("kernel.sysrq"), "The SysRq key is limited", Severity.Low),
        new KnobRule("SEC016", Category.Security, Knob.Sysctl("net.ipv4.tcp_syncookies"), "SYN cookies resist SYN floods", Severity.Medium),
        new KnobRule("SEC017", Category.Security, Knob.Sysctl("dev.tty.ldisc_autoload"), "TTY line disciplines are not autoloaded", Severity.Low),
        new CheckRule("SEC018", Category.Security, "Kernel lockdown is on", Severity.Medium,
            "Lockdown stops root from modifying the running kernel (integrity: no unsigned modules, /dev/mem, kexec of unsigned images) or " +
            "also reading it (confidentiality). Confidentiality blocks kernel reads by eBPF, kprobes and perf: observability tools break.",
            "kernel_lockdown(7); " + Khc, "hardened", Lockdown),
        new CheckRule("SEC019", Category.Security, "A mandatory access control LSM is active", Severity.Medium,
            "AppArmor or SELinux confine services and container runtimes beyond Unix permissions; Landlock and Yama add sandboxing and ptrace limits.",
            "Documentation/admin-guide/LSM/index.rst", "hardened", Lsm),
        new CheckRule("SEC020", Category.Security, "CPU vulnerabilities are mitigated", Severity.High,
            "Speculative-execution flaws (Spectre, MDS, Retbleed …) let one process read another's memory, including model weights and " +
            "prompts of another tenant. The kernel reports each flaw's state in /sys/devices/system/cpu/vulnerabilities.",
            "Documentation/admin-guide/hw-vuln/; node_exporter cpu_vulnerabilities", "all", Vulnerabilities),
        new CheckRule("SEC021", Category.Security, "Mitigations are not switched off on the command line", Severity.High,
            "mitigations=off (common in performance guides) removes every speculative-execution mitigation at once. The gain for GPU-bound " +
            "inference is small; the exposure is every secret in memory.",
            "Documentation/admin-guide/kernel-parameters.txt (mitigations=); " + Khc, "all", MitigationsOff),
        new CheckRule("SEC022", Category.Security, "Module loading is not locked while GPU modules still load lazily", Severity.Medium,
            "kernel.modules_disabled=1 is one-way until reboot. NVIDIA loads nvidia_uvm, nvidia_modeset and nvidia_peermem on first use, " +
            "and RDMA stacks load modules when links come up: lock modules only after every module is loaded.",
            KernelSysctlDoc + "; kernel-hardening-checker #189", "all", ModulesDisabled),
        new CheckRule("SEC023", Category.Security, "The kernel build includes memory hardening", Severity.Low,
            "init_on_alloc zeroes every allocation, hardened usercopy bounds-checks copies to user space, freelist hardening resists heap " +
            "corruption. These are build options: report-only. init_on_free also zeroes on free and raises page-fault cost (measure model loading).",
            Khc, "hardened", BuildHardening),
    ];

    private static Verdict? Lockdown(AuditContext context)
    {
        if (!context.Profile.Hardened)
        {
            return null;
        }

        const string expected = "integrity (or confidentiality where no eBPF observability is needed)";
        var lockdown = context.Facts.Security.Lockdown;
        if (!lockdown.TryGet(out var mode))
        {
            return lockdown.Reason!.Kind == UnknownKind.Absent ? NoLockdownFile(context, expected) : Verdict.Unknown(lockdown.Reason!, expected);
        }

        return mode switch
        {
            "none" => Verdict.Fail("none", expected, KnobFixes.KernelParameter("lockdown=integrity", "echo integrity > /sys/kernel/security/lockdown (one-way until reboot)")),
            "confidentiality" => Verdict.Pass(mode, expected, "confidentiality blocks eBPF/kprobe/perf kernel reads: Falco, bpftrace and Pixie break"),
            _ => Verdict.Pass(mode, expected),
        };
    }

    /// <summary>No /sys/kernel/security/lockdown: the kernel lacks the lockdown LSM only where the build or the active
    /// LSM list says so; where securityfs is not mounted (no lsm file either) nothing can be concluded.</summary>
    private static Verdict NoLockdownFile(AuditContext context, string expected)
    {
        var facts = context.Facts;
        if (facts.Kernel.IsEnabled("CONFIG_SECURITY_LOCKDOWN_LSM") is { IsKnown: true, Value: false })
        {
            return Verdict.Fail("not available (the kernel is built without CONFIG_SECURITY_LOCKDOWN_LSM)", expected,
                new Fix(null, "use a kernel with CONFIG_SECURITY_LOCKDOWN_LSM, then boot with lockdown=integrity"));
        }

        if (!facts.Security.Lsms.TryGet(out var lsms))
        {
            return Verdict.Unknown(new UnknownReason(UnknownKind.Absent,
                "/sys/kernel/security/lockdown and /sys/kernel/security/lsm are both absent: securityfs is not mounted " +
                "(mount -t securityfs securityfs /sys/kernel/security), so the lockdown state cannot be read"), expected);
        }

        return lsms.Contains("lockdown")
            ? Verdict.Unknown(new UnknownReason(UnknownKind.Absent, "the lockdown LSM is active, but /sys/kernel/security/lockdown is absent"), expected)
            : Verdict.Fail($"not active (active LSMs: {string.Join(",", lsms)})", expected,
                KnobFixes.KernelParameter($"lsm={string.Join(",", lsms.Prepend("lockdown").Distinct())} lockdown=integrity"));
    }

    private static Verdict? Lsm(AuditContext context)
    {
        if (!context.Profile.Hardened)
        {
            return null;
        }

        const string expected = "apparmor or selinux";
        var lsms = context.Facts.Security.Lsms;
        if (!lsms.TryGet(out var list))
        {
            return Verdict.Unknown(lsms.Reason!, expected);
        }

        var current = string.Join(",", list);
        return list.Any(l => l is "apparmor" or "selinux" or "smack" or "tomoyo")
            ? Verdict.Pass(current, expected)
            : Verdict.Fail(current, expected, KnobFixes.KernelParameter("lsm=landlock,lockdown,yama,integrity,apparmor,bpf"),
                "enable AppArmor (Debian, Ubuntu, SUSE) or SELinux (RHEL, Fedora) and its policy package");
    }

    private static Verdict? Vulnerabilities(AuditContext context)
    {
        const string expected = "every flaw mitigated or not affected";
        var vulnerabilities = context.Facts.Cpu.Vulnerabilities;
        if (!vulnerabilities.TryGet(out var list))
        {
            return vulnerabilities.Reason!.Kind == UnknownKind.Absent
                ? Verdict.NotApplicable("the kernel does not report CPU vulnerabilities", expected)
                : Verdict.Unknown(vulnerabilities.Reason!, expected);
        }

        var vulnerable = list.Where(v => v.State == VulnerabilityState.Vulnerable).ToList();
        if (vulnerable.Count == 0)
        {
            return Verdict.Pass($"{list.Count(v => v.State == VulnerabilityState.Mitigated)} mitigated, {list.Count(v => v.State == VulnerabilityState.NotAffected)} not affected", expected);
        }

        var current = string.Join("; ", vulnerable.Select(v => $"{v.Name}: {v.Status}"));
        var severity = context.Profile.Hardened ? Severity.Critical : Severity.High;
        if (context.Facts.Virtualization.IsVirtualMachine is { IsKnown: true, Value: true })
        {
            // A guest cannot load microcode: the host's microcode and the CPU features the hypervisor passes through
            // decide what the guest kernel can mitigate ("Vulnerable: No microcode" in a guest is a hypervisor setting).
            return new Verdict(FindingStatus.Fail, current, expected,
                "a virtual machine: microcode is loaded by the host, not the guest; the hypervisor must run updated microcode and pass the " +
                "mitigation CPU features (md-clear, ssbd, ibrs, ibpb, stibp …) to this guest, e.g. QEMU -cpu host or a CPU model with those flags",
                new Fix("ask the hypervisor's operator to update the host's microcode and expose the mitigation CPU features; update this guest's kernel",
                    "keep mitigations=auto (the default) on the command line"), severity);
        }

        return new Verdict(FindingStatus.Fail, current, expected, "microcode updates fix several of these; check the firmware and the intel-microcode/amd64-microcode package",
            new Fix("update the CPU microcode package and the kernel", "keep mitigations=auto (the default) on the command line"), severity);
    }

    /// <summary>Parameters that switch one mitigation off each (Documentation/admin-guide/kernel-parameters.txt).</summary>
    private static readonly string[] MitigationOffFlags = ["nospectre_v1", "nospectre_v2", "nopti", "nospec_store_bypass_disable", "nospectre_bhb"];

    private static Verdict? MitigationsOff(AuditContext context)
    {
        const string expected = "no mitigations=off";
        var cmdline = context.Facts.Kernel.Cmdline;
        if (!cmdline.TryGet(out var parameters))
        {
            return Verdict.Unknown(cmdline.Reason!, expected);
        }

        var value = parameters.Get("mitigations");
        var offFlags = MitigationOffFlags.Where(parameters.Has).ToList();
        if (value == "off" || offFlags.Count > 0)
        {
            var current = string.Join(" ", (value == "off" ? ["mitigations=off"] : Array.Empty<string>()).Concat(offFlags));
            return new Verdict(FindingStatus.Fail, current, expected, null,
                new Fix(null, $"remove {current} from GRUB_CMDLINE_LINUX_DEFAULT, run update-grub and reboot"),
                context.Profile.Hardened ? Severity.Critical : null);
        }

        return Verdict.Pass(value is null ? "default (auto)" : $"mitigations={value}", expected);
    }

    private static Verdict? ModulesDisabled(AuditContext context)
    {
        const string expected = "0 while GPU or RDMA modules may still load";
        var disabled = context.Facts.Sysctls.GetLong("kernel.modules_disabled");
        if (!disabled.TryGet(out var value))
        {
            return disabled.Reason!.Kind == UnknownKind.Absent
                ? Verdict.NotApplicable("the kernel is built without loadable modules (no kernel.modules_disabled)", expected)
                : Verdict.Unknown(disabled.Reason!, expected);
        }

        if (value == 0)
        {
            return Verdict.Pass("0", expected);
        }

        return context.Accelerators.Count > 0 || context.AcceleratorsUnknown is not null
            ? Verdict.Warn("1 (one-way until reboot)", expected, new Fix(null, "set kernel.modules_disabled=1 only after nvidia_uvm, nvidia_modeset and nvidia_peermem are loaded (e.g. a late boot unit)"),
                "lazily loaded GPU modules will fail to load")
            : Verdict.Pass("1 (one-way until reboot)", expected, "no accelerator: nothing loads lazily here");
    }

    private static Verdict? BuildHardening(AuditContext context)
    {
        if (!context.Profile.Hardened)
        {
            return null;
        }

        string[] options = ["CONFIG_INIT_ON_ALLOC_DEFAULT_ON", "CONFIG_HARDENED_USERCOPY", "CONFIG_SLAB_FREELIST_HARDENED", "CONFIG_RANDOMIZE_KSTACK_OFFSET_DEFAULT", "CONFIG_STACKPROTECTOR_STRONG"];
        var expected = string.Join(", ", options);
        var kernel = context.Facts.Kernel;
        if (!kernel.Config.IsKnown)
        {
            return Verdict.Unknown(kernel.Config.Reason!, expected);
        }

        var missing = options.Where(o => !kernel.IsEnabled(o).GetValueOrDefault(false)).ToList();
        return missing.Count == 0
            ? Verdict.Pass("all set", expected)
            : Verdict.Warn("missing: " + string.Join(", ", missing), expected, new Fix(null, "a kernel build with these options (e.g. a hardened flavor)"),
                "a build choice: report only, no runtime setting replaces it");
    }
}
