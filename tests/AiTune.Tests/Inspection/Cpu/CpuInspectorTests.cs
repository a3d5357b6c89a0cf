using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection;
using AiTune.Inspection.Cpu;
using AiTune.Inspection.Kernel;
using AiTune.Inspection.Security;
using AiTune.Tests.Support;

namespace AiTune.Tests.Inspection.Cpu;

public class CpuInspectorTests
{
    private static CpuFacts InspectFixture(string host)
    {
        using var root = new FileSystemHostRoot(FixturePaths.Host(host));
        return Inspect(root);
    }

    /// <summary>As the host inspector calls it: with the kernel's facts and the lockdown mode.</summary>
    internal static CpuFacts Inspect(HostRoot root) =>
        CpuInspector.Inspect(root, KernelInspector.Inspect(root, new HostSource("tree", root.IsLive, null, null, null)), SecurityInspector.Inspect(root).Lockdown);

    [Fact]
    public void Xeon_two_sockets_with_intel_pstate_and_intel_idle()
    {
        var cpu = InspectFixture("xeon-2numa-nvidia");

        Assert.Equal(("Intel(R) Xeon(R) Platinum 8480+", "GenuineIntel"), (cpu.Model.Value, cpu.Vendor.Value));
        Assert.Equal((16, 8, 2), (cpu.LogicalCpus.Value, cpu.Cores.Value, cpu.Sockets.Value));
        Assert.Equal(("on", true), (cpu.Smt.Value, cpu.SmtActive.Value));
        Assert.Contains("amx_tile", cpu.Flags.Value);
        Assert.DoesNotContain("hypervisor", cpu.Flags.Value);
        Assert.True(cpu.FrequencyScaling.Value);
        Assert.Equal("intel_pstate", cpu.Driver.Value);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => "policy" + i), cpu.Policies.Select(p => p.Name));
        var policy = cpu.Policies[9];
        Assert.Equal(("9", "intel_pstate", "powersave", "balance_performance", 800000L, 3800000L, 3800000L),
            (policy.Cpus.Value, policy.Driver.Value, policy.Governor.Value, policy.Epp.Value, policy.MinKhz.Value, policy.MaxKhz.Value, policy.CpuinfoMaxKhz.Value));
        Assert.Equal(["performance", "powersave"], policy.AvailableGovernors);
        Assert.Equal(["default", "performance", "balance_performance", "balance_power", "power"], policy.AvailableEpp);
        Assert.True(cpu.Boost.Value);
        Assert.Equal("active", cpu.IntelPstateStatus.Value);
        var idle = cpu.Idle.Value;
        Assert.Equal(("intel_idle", "menu"), (idle.Driver.Value, idle.Governor.Value));
        Assert.Equal(
            [
                new CpuIdleState(0, "POLL", "CPUIDLE CORE POLL IDLE", 0, 0, false),
                new CpuIdleState(1, "C1", "MWAIT 0x00", 1, 1, false),
                new CpuIdleState(2, "C1E", "MWAIT 0x01", 2, 4, false),
                new CpuIdleState(3, "C6", "MWAIT 0x20", 170, 600, false),
            ],
            idle.States);
        Assert.Equal(("", ""), (cpu.Isolated.Value, cpu.NohzFull.Value));
        var vulnerabilities = cpu.Vulnerabilities.Value;
        Assert.Equal(14, vulnerabilities.Count);
        Assert.DoesNotContain(vulnerabilities, v => v.State is VulnerabilityState.Vulnerable or VulnerabilityState.Unknown);
        Assert.Equal(new CpuVulnerability("spectre_v2", "Mitigation: Enhanced / Automatic IBRS; IBPB: conditional; RSB filling; PBRSB-eIBRS: SW sequence; BHI: BHI_DIS_S", VulnerabilityState.Mitigated),
            vulnerabilities.Single(v => v.Name == "spectre_v2"));
    }

    [Fact]
    public void Epyc_acpi_cpufreq_with_boost_and_no_epp()
    {
        var cpu = InspectFixture("epyc-amdgpu-rt-cgv1");

        Assert.Equal(("AMD EPYC 9354P 32-Core Processor", "AuthenticAMD"), (cpu.Model.Value, cpu.Vendor.Value));
        Assert.Equal((8, 4, 1), (cpu.LogicalCpus.Value, cpu.Cores.Value, cpu.Sockets.Value));
        Assert.True(cpu.FrequencyScaling.Value);
        Assert.Equal("acpi-cpufreq", cpu.Driver.Value);
        Assert.Equal(8, cpu.Policies.Count);
        Assert.All(cpu.Policies, p => Assert.Equal(("schedutil", 1500000L, 3250000L), (p.Governor.Value, p.MinKhz.Value, p.MaxKhz.Value)));
        Assert.All(cpu.Policies, p => Assert.Equal(UnknownKind.Absent, p.Epp.Reason?.Kind));
        Assert.All(cpu.Policies, p => Assert.Empty(p.AvailableEpp));
        Assert.Equal(["conservative", "ondemand", "userspace", "powersave", "performance", "schedutil"], cpu.Policies[0].AvailableGovernors);
        Assert.True(cpu.Boost.Value);
        Assert.Equal(UnknownKind.Absent, cpu.IntelPstateStatus.Reason?.Kind);
        Assert.Equal("acpi_idle", cpu.Idle.Value.Driver.Value);
        Assert.Equal([("POLL", 0L), ("C1", 1L), ("C2", 400L)], cpu.Idle.Value.States.Select(s => (s.Name, s.ExitLatencyUs)));
        Assert.Equal("", cpu.Isolated.Value);
        Assert.Equal(UnknownKind.Absent, cpu.NohzFull.Reason?.Kind);
        Assert.Equal(VulnerabilityState.Mitigated, cpu.Vulnerabilities.Value.Single(v => v.Name == "spec_rstack_overflow").State);
    }

    [Fact]
    public void Kvm_guest_has_no_frequency_scaling_and_haltpoll_idle()
    {
        var cpu = InspectFixture("kvm-hardened");

        Assert.Equal(("AMD EPYC-Milan Processor", "AuthenticAMD"), (cpu.Model.Value, cpu.Vendor.Value));
        Assert.Equal((4, 4, 1), (cpu.LogicalCpus.Value, cpu.Cores.Value, cpu.Sockets.Value));
        Assert.Equal(("notsupported", false), (cpu.Smt.Value, cpu.SmtActive.Value));
        Assert.Contains("hypervisor", cpu.Flags.Value);
        Assert.False(cpu.FrequencyScaling.Value);
        Assert.Empty(cpu.Policies);
        Assert.Equal(UnknownKind.Absent, cpu.Driver.Reason?.Kind);
        Assert.Equal(UnknownKind.Absent, cpu.Boost.Reason?.Kind);
        Assert.Equal(("haltpoll", "haltpoll"), (cpu.Idle.Value.Driver.Value, cpu.Idle.Value.Governor.Value));
        Assert.Equal([new CpuIdleState(0, "POLL", "CPUIDLE CORE POLL IDLE", 0, 0, false), new CpuIdleState(1, "haltpoll idle", "default architecture idle", 1, 1, false)],
            cpu.Idle.Value.States);
        Assert.Equal(("", ""), (cpu.Isolated.Value, cpu.NohzFull.Value));
        Assert.Equal(new CpuVulnerability("spec_rstack_overflow", "Vulnerable: Safe RET, no microcode", VulnerabilityState.Vulnerable),
            cpu.Vulnerabilities.Value.Single(v => v.Name == "spec_rstack_overflow"));
    }

    [Fact]
    public void Arm64_topology_comes_from_sysfs_and_the_vendor_from_the_implementer()
    {
        using var tree = new TempHostTree()
            .Write("/proc/cpuinfo", "processor\t: 0\nFeatures\t: fp asimd\nCPU implementer\t: 0x41\nCPU part\t: 0xd0c\n\nprocessor\t: 1\nFeatures\t: fp asimd\nCPU implementer\t: 0x41\nCPU part\t: 0xd0c\n\n")
            .Write("/sys/devices/system/cpu/online", "0-1\n")
            .Write("/sys/devices/system/cpu/cpu0/topology/physical_package_id", "0\n")
            .Write("/sys/devices/system/cpu/cpu0/topology/core_id", "0\n")
            .Write("/sys/devices/system/cpu/cpu1/topology/physical_package_id", "0\n")
            .Write("/sys/devices/system/cpu/cpu1/topology/core_id", "1\n")
            .Write("/sys/devices/system/cpu/cpufreq/policy0/scaling_driver", "cppc_cpufreq\n")
            .Write("/sys/devices/system/cpu/cpuidle/current_driver", "psci_idle\n")
            .Write("/sys/devices/system/cpu/cpuidle/current_governor_ro", "menu\n")
            .Write("/sys/devices/system/cpu/nohz_full", "(null)\n");
        using var root = tree.Root();
        var cpu = Inspect(root);

        Assert.Equal(UnknownKind.Absent, cpu.Model.Reason?.Kind);
        Assert.Equal("ARM", cpu.Vendor.Value);
        Assert.Equal((2, 2, 1), (cpu.LogicalCpus.Value, cpu.Cores.Value, cpu.Sockets.Value));
        Assert.Equal(["fp", "asimd"], cpu.Flags.Value);
        Assert.Equal("cppc_cpufreq", cpu.Driver.Value);
        Assert.Equal(UnknownKind.Absent, cpu.Policies[0].Governor.Reason?.Kind);
        Assert.Equal(("psci_idle", "menu", 0), (cpu.Idle.Value.Driver.Value, cpu.Idle.Value.Governor.Value, cpu.Idle.Value.States.Count));
        Assert.Equal("", cpu.NohzFull.Value);
        Assert.Equal(UnknownKind.Absent, cpu.Vulnerabilities.Reason?.Kind);
    }

    [Fact]
    public void Hostile_sysfs_values_make_single_facts_unknown()
    {
        using var tree = new TempHostTree()
            .Write("/proc/cpuinfo", "\u0000\u0001\u0002")
            .Write("/sys/devices/system/cpu/online", "0-4294967295\n")
            .Write("/sys/devices/system/cpu/smt/active", "maybe\n")
            .Write("/sys/devices/system/cpu/intel_pstate/no_turbo", "2\n")
            .Write("/sys/devices/system/cpu/cpufreq/policy0/scaling_max_freq", "99999999999999999999\n")
            .Write("/sys/devices/system/cpu/cpuidle/current_driver", "intel_idle\n")
            .Write("/sys/devices/system/cpu/cpu0/cpuidle/state0/name", "POLL\n")
            .Write("/sys/devices/system/cpu/cpu0/cpuidle/state0/desc", "x\n")
            .Write("/sys/devices/system/cpu/cpu0/cpuidle/state0/latency", "-\n")
            .Write("/sys/devices/system/cpu/cpu0/cpuidle/state0/residency", "0\n")
            .Write("/sys/devices/system/cpu/cpu0/cpuidle/state0/disable", "0\n");
        using var root = tree.Root();
        var cpu = Inspect(root);

        Assert.Equal(UnknownKind.Malformed, cpu.Model.Reason?.Kind);
        Assert.Equal(UnknownKind.Malformed, cpu.SmtActive.Reason?.Kind);
        Assert.Equal(UnknownKind.Malformed, cpu.Boost.Reason?.Kind);
        Assert.Equal(UnknownKind.Malformed, cpu.Policies[0].MaxKhz.Reason?.Kind);
        Assert.Equal(UnknownKind.Malformed, cpu.Idle.Reason?.Kind);
        Assert.Equal(0, cpu.LogicalCpus.Value); // online is malformed: the count of cpuinfo's processor blocks (none)
    }

    [Fact]
    public void Live_host_cpu_is_consistent()
    {
        using var root = new FileSystemHostRoot("/");
        var cpu = Inspect(root);

        Assert.True(cpu.LogicalCpus.Value >= 1);
        Assert.InRange(cpu.Cores.Value, 1, cpu.LogicalCpus.Value);
        Assert.InRange(cpu.Sockets.Value, 1, cpu.Cores.Value);
        Assert.True(cpu.Vendor.IsKnown);
        Assert.Equal(cpu.Policies.Count > 0, cpu.FrequencyScaling.Value);
        Assert.Equal(cpu.FrequencyScaling.Value, cpu.Driver.IsKnown);
        if (cpu.Vulnerabilities.TryGet(out var vulnerabilities))
        {
            Assert.All(vulnerabilities, v => Assert.NotEmpty(v.Status));
        }

        if (cpu.Idle.TryGet(out var idle))
        {
            Assert.All(idle.States, s => Assert.True(s.ExitLatencyUs >= 0));
        }
    }
}
