using AiTune.Facts;

namespace AiTune.Inspection.Cgroups;

/// <summary>A /proc/pressure file. Documentation/accounting/psi.rst: "The "some" line indicates the share of time
/// in which at least some tasks are stalled on a given resource. The "full" line indicates the share of time in
/// which all non-idle tasks are stalled on a given resource simultaneously."</summary>
/// <param name="Full">Absent in /proc/pressure/cpu before Linux 5.13.</param>
public sealed record PressureStall(PressureLine Some, Fact<PressureLine> Full);
