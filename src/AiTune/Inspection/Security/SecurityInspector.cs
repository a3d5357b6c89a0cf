using AiTune.Hosting;

namespace AiTune.Inspection.Security;

public static class SecurityInspector
{
    /// <summary>The hardening sysctls (kernel-hardening-checker's list, plus what AI hosts trade against them).</summary>
    public static readonly IReadOnlyList<string> SysctlKeys =
    [
        "kernel.kptr_restrict", "kernel.dmesg_restrict", "kernel.unprivileged_bpf_disabled", "net.core.bpf_jit_harden",
        "kernel.yama.ptrace_scope", "kernel.kexec_load_disabled", "kernel.perf_event_paranoid", "fs.protected_symlinks",
        "fs.protected_hardlinks", "fs.protected_fifos", "fs.protected_regular", "fs.suid_dumpable", "kernel.randomize_va_space",
        "vm.unprivileged_userfaultfd", "kernel.sysrq", "kernel.modules_disabled", "kernel.io_uring_disabled",
        "net.ipv4.tcp_syncookies", "vm.mmap_min_addr", "dev.tty.ldisc_autoload", "user.max_user_namespaces",
        "kernel.unprivileged_userns_clone",
    ];

    /// <summary>Reads the lockdown mode and the active LSMs from securityfs; both are absent when securityfs is not
    /// mounted or the kernel lacks the LSM (lockdown needs CONFIG_SECURITY_LOCKDOWN_LSM).</summary>
    public static SecurityFacts Inspect(HostRoot root) =>
        new(root.ReadText(LockdownParser.Path).Bind(LockdownParser.Parse), root.ReadText(LsmListParser.Path).Bind(LsmListParser.Parse));
}
