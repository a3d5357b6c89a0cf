using AiTune.Facts;

namespace AiTune.Inspection.Cpu;

/// <summary>One cpufreq policy (/sys/devices/system/cpu/cpufreq/policyN).</summary>
/// <param name="Name">"policy0".</param>
/// <param name="Cpus">affected_cpus.</param>
/// <param name="Epp">energy_performance_preference, where the driver has it (intel_pstate, amd-pstate-epp).</param>
public sealed record CpufreqPolicy(
    string Name,
    Fact<string> Cpus,
    Fact<string> Driver,
    Fact<string> Governor,
    IReadOnlyList<string> AvailableGovernors,
    Fact<string> Epp,
    IReadOnlyList<string> AvailableEpp,
    Fact<long> MinKhz,
    Fact<long> MaxKhz,
    Fact<long> CpuinfoMaxKhz);
