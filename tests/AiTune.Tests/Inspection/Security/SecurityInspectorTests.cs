using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection.Security;
using AiTune.Tests.Support;

namespace AiTune.Tests.Inspection.Security;

public class SecurityInspectorTests
{
    private static SecurityFacts Inspect(string host)
    {
        using var root = new FileSystemHostRoot(FixturePaths.Host(host));
        return SecurityInspector.Inspect(root);
    }

    [Fact]
    public void Xeon_ubuntu_defaults()
    {
        var security = Inspect("xeon-2numa-nvidia");

        Assert.Equal("none", security.Lockdown.Value);
        Assert.Equal(["lockdown", "capability", "landlock", "yama", "apparmor"], security.Lsms.Value);
    }

    [Fact]
    public void Epyc_debian_without_the_lockdown_lsm()
    {
        var security = Inspect("epyc-amdgpu-rt-cgv1");

        Assert.Equal(UnknownKind.Absent, security.Lockdown.Reason!.Kind);
        Assert.Equal(["capability", "yama", "apparmor"], security.Lsms.Value);
    }

    [Fact]
    public void Kvm_hardened_in_confidentiality_lockdown()
    {
        var security = Inspect("kvm-hardened");

        Assert.Equal("confidentiality", security.Lockdown.Value);
        Assert.Equal(["capability", "landlock", "lockdown", "yama", "bpf"], security.Lsms.Value);
    }

    [Theory]
    [InlineData("xeon-2numa-nvidia", "kernel.kptr_restrict=1 kernel.dmesg_restrict=1 kernel.unprivileged_bpf_disabled=2 net.core.bpf_jit_harden=0 kernel.yama.ptrace_scope=1 kernel.kexec_load_disabled=0 kernel.perf_event_paranoid=4 fs.protected_symlinks=1 fs.protected_hardlinks=1 fs.protected_fifos=1 fs.protected_regular=2 fs.suid_dumpable=2 kernel.randomize_va_space=2 vm.unprivileged_userfaultfd=0 kernel.sysrq=176 kernel.modules_disabled=0 kernel.io_uring_disabled=0 net.ipv4.tcp_syncookies=1 vm.mmap_min_addr=65536 dev.tty.ldisc_autoload=1 user.max_user_namespaces=2062350 kernel.unprivileged_userns_clone=1")]
    [InlineData("epyc-amdgpu-rt-cgv1", "kernel.kptr_restrict=0 kernel.dmesg_restrict=1 kernel.unprivileged_bpf_disabled=2 net.core.bpf_jit_harden=0 kernel.yama.ptrace_scope=0 kernel.kexec_load_disabled=0 kernel.perf_event_paranoid=3 fs.protected_symlinks=1 fs.protected_hardlinks=1 fs.protected_fifos=1 fs.protected_regular=1 fs.suid_dumpable=0 kernel.randomize_va_space=2 vm.unprivileged_userfaultfd=0 kernel.sysrq=438 kernel.modules_disabled=0 kernel.io_uring_disabled=- net.ipv4.tcp_syncookies=1 vm.mmap_min_addr=65536 dev.tty.ldisc_autoload=1 user.max_user_namespaces=514997 kernel.unprivileged_userns_clone=1")]
    [InlineData("kvm-hardened", "kernel.kptr_restrict=2 kernel.dmesg_restrict=1 kernel.unprivileged_bpf_disabled=1 net.core.bpf_jit_harden=2 kernel.yama.ptrace_scope=2 kernel.kexec_load_disabled=1 kernel.perf_event_paranoid=3 fs.protected_symlinks=1 fs.protected_hardlinks=1 fs.protected_fifos=2 fs.protected_regular=2 fs.suid_dumpable=0 kernel.randomize_va_space=2 vm.unprivileged_userfaultfd=0 kernel.sysrq=0 kernel.modules_disabled=0 kernel.io_uring_disabled=2 net.ipv4.tcp_syncookies=1 vm.mmap_min_addr=65536 dev.tty.ldisc_autoload=0 user.max_user_namespaces=63947 kernel.unprivileged_userns_clone=0")]
    public void The_fixture_holds_every_hardening_sysctl_file_with_the_specified_value(string host, string expected)
    {
        var pairs = expected.Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(SecurityInspector.SysctlKeys.Order(), pairs.Keys.Order());

        using var root = new FileSystemHostRoot(FixturePaths.Host(host));
        foreach (var (key, value) in pairs)
        {
            var text = root.ReadText("/proc/sys/" + key.Replace('.', '/'));
            if (value == "-")
            {
                Assert.Equal(UnknownKind.Absent, text.Reason!.Kind);
            }
            else
            {
                Assert.Equal(value + "\n", text.Value);
            }
        }
    }
}
