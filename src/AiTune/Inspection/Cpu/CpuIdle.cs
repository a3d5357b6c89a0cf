using AiTune.Facts;

namespace AiTune.Inspection.Cpu;

/// <summary>cpuidle: driver, governor and CPU 0's states (/sys/devices/system/cpu/cpu0/cpuidle/stateN).</summary>
/// <param name="Driver">intel_idle, acpi_idle, haltpoll, none …</param>
public sealed record CpuIdle(Fact<string> Driver, Fact<string> Governor, IReadOnlyList<CpuIdleState> States);

/// <param name="Index">N in stateN.</param>
/// <param name="ExitLatencyUs">latency: worst-case exit latency in microseconds.</param>
/// <param name="TargetResidencyUs">residency: minimum time worth spending in the state.</param>
/// <param name="Disabled">disable: 1 when the state is disabled on CPU 0.</param>
public sealed record CpuIdleState(int Index, string Name, string Description, long ExitLatencyUs, long TargetResidencyUs, bool Disabled);
