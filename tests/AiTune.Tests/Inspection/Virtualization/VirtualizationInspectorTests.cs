using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection.Cpu;
using AiTune.Inspection.Virtualization;
using AiTune.Tests.Support;

namespace AiTune.Tests.Inspection.Virtualization;

public class VirtualizationInspectorTests
{
    /// <summary>CpuFacts as the CPU inspector would give them; only the flags matter here.</summary>
    private static CpuFacts Cpu(Fact<IReadOnlyList<string>> flags)
    {
        var todo = new UnknownReason(UnknownKind.NotCaptured, "not needed by this test");
        return new CpuFacts(Fact.Unknown<string>(todo), Fact.Unknown<string>(todo), Fact.Unknown<int>(todo), Fact.Unknown<int>(todo),
            Fact.Unknown<int>(todo), Fact.Unknown<string>(todo), Fact.Unknown<bool>(todo), flags, Fact.Unknown<bool>(todo),
            Fact.Unknown<string>(todo), [], Fact.Unknown<bool>(todo), Fact.Unknown<string>(todo), Fact.Unknown<CpuIdle>(todo),
            Fact.Unknown<string>(todo), Fact.Unknown<string>(todo), Fact.Unknown<IReadOnlyList<CpuVulnerability>>(todo),
            Fact.Unknown<IReadOnlyDictionary<string, string>>(todo));
    }

    private static CpuFacts Flags(params string[] flags) => Cpu(flags);

    private static VirtualizationFacts Inspect(string host, CpuFacts cpu)
    {
        using var root = new FileSystemHostRoot(FixturePaths.Host(host));
        return VirtualizationInspector.Inspect(root, cpu);
    }

    [Fact]
    public void Xeon_bare_metal()
    {
        var facts = Inspect("xeon-2numa-nvidia", Flags("fpu", "vme", "sse2", "avx512f", "amx_tile"));

        Assert.Equal(new VirtualizationFacts(false, "none", "no hypervisor flag in cpuinfo (x86)"), facts);
    }

    [Fact]
    public void Epyc_bare_metal_even_without_cpu_flags_because_dmi_names_a_server_maker()
    {
        var facts = Inspect("epyc-amdgpu-rt-cgv1", Cpu(Fact.Unknown<IReadOnlyList<string>>(UnknownKind.Absent, "/proc/cpuinfo does not exist")));

        Assert.Equal(new VirtualizationFacts(false, "none", "DMI sys_vendor Supermicro names no hypervisor"), facts);
    }

    [Fact]
    public void Kvm_guest()
    {
        var facts = Inspect("kvm-hardened", Flags("fpu", "sse2", "hypervisor", "avx2"));

        Assert.Equal(new VirtualizationFacts(true, "kvm", "cpuinfo flag hypervisor; DMI sys_vendor QEMU; clocksource kvm-clock available"), facts);
    }

    [Fact]
    public void A_firecracker_tree_without_dmi_is_named_by_the_acpi_tables()
    {
        byte[] facp = new byte[276];
        "FACP"u8.CopyTo(facp);
        BitConverter.GetBytes(276).CopyTo(facp, 4);
        "FIRECKFCVMFADT"u8.CopyTo(facp.AsSpan(10));
        using var tree = new TempHostTree()
            .WriteBytes("/sys/firmware/acpi/tables/FACP", facp)
            .Write("/sys/devices/system/clocksource/clocksource0/available_clocksource", "tsc kvm-clock \n");
        using var root = tree.Root();

        var facts = VirtualizationInspector.Inspect(root, Flags("fpu", "sse2", "hypervisor"));

        Assert.Equal(new VirtualizationFacts(true, "kvm", "cpuinfo flag hypervisor; ACPI OEM ID FIRECK (Firecracker, a monitor on KVM)"), facts);
    }

    [Fact]
    public void The_live_host_gives_a_consistent_answer()
    {
        using var root = new FileSystemHostRoot("/");
        var flags = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal));
        var cpu = flags is null
            ? Cpu(Fact.Unknown<IReadOnlyList<string>>(UnknownKind.Absent, "no flags line"))
            : Flags(flags[(flags.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries));

        var facts = VirtualizationInspector.Inspect(root, cpu);

        if (flags is not null && flags.Split(' ').Contains("hypervisor"))
        {
            Assert.True(facts.IsVirtualMachine.Value);
        }

        if (facts.IsVirtualMachine.TryGet(out var isVm) && !isVm)
        {
            Assert.Equal("none", facts.Hypervisor.Value);
        }

        if (facts.Hypervisor.TryGet(out var name) && name != "none")
        {
            Assert.True(facts.IsVirtualMachine.Value);
        }
    }
}
