using AiTune.Facts;

namespace AiTune.Inspection.Cpu;

/// <summary>Processors: topology, frequency scaling, idle states, isolation, vulnerabilities.</summary>
/// <param name="Model">"model name" in /proc/cpuinfo.</param>
/// <param name="Vendor">GenuineIntel, AuthenticAMD, or the ARM implementer.</param>
/// <param name="LogicalCpus">Online logical CPUs.</param>
/// <param name="Cores">Physical cores (distinct core ids per package).</param>
/// <param name="Sockets">Physical packages.</param>
/// <param name="Smt">SMT control (/sys/devices/system/cpu/smt/control): on, off, forceoff, notsupported, notimplemented.</param>
/// <param name="SmtActive">/sys/devices/system/cpu/smt/active.</param>
/// <param name="Flags">CPU flags of the first processor (hypervisor, avx512f, amx_tile …).</param>
/// <param name="FrequencyScaling">False when the kernel exposes no cpufreq policy (a VM, or a fixed-frequency CPU).</param>
/// <param name="Driver">scaling_driver of the first policy (intel_pstate, amd-pstate-epp, acpi-cpufreq, cppc_cpufreq …).</param>
/// <param name="Policies">One cpufreq policy per group of CPUs sharing a clock.</param>
/// <param name="Boost">Turbo/boost allowed: cpufreq/boost, or the inverse of intel_pstate/no_turbo.</param>
/// <param name="IntelPstateStatus">active, passive or off, where intel_pstate is present.</param>
/// <param name="Idle">cpuidle driver, governor and the states of CPU 0.</param>
/// <param name="Isolated">/sys/devices/system/cpu/isolated (isolcpus=), kernel list syntax, "" when none.</param>
/// <param name="NohzFull">/sys/devices/system/cpu/nohz_full, "" when none.</param>
/// <param name="Vulnerabilities">/sys/devices/system/cpu/vulnerabilities/*.</param>
/// <param name="SchedulerTunables">The CFS/EEVDF scheduler tunables by their 6.6+ debugfs names (base_slice_ns,
/// migration_cost_ns …), read wherever the running kernel keeps them; only the names this kernel has.</param>
public sealed record CpuFacts(
    Fact<string> Model,
    Fact<string> Vendor,
    Fact<int> LogicalCpus,
    Fact<int> Cores,
    Fact<int> Sockets,
    Fact<string> Smt,
    Fact<bool> SmtActive,
    Fact<IReadOnlyList<string>> Flags,
    Fact<bool> FrequencyScaling,
    Fact<string> Driver,
    IReadOnlyList<CpufreqPolicy> Policies,
    Fact<bool> Boost,
    Fact<string> IntelPstateStatus,
    Fact<CpuIdle> Idle,
    Fact<string> Isolated,
    Fact<string> NohzFull,
    Fact<IReadOnlyList<CpuVulnerability>> Vulnerabilities,
    Fact<IReadOnlyDictionary<string, string>> SchedulerTunables);
