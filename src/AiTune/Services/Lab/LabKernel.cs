namespace AiTune.Services.Lab;

/// <summary>One kernel of a lab run as the report names it.</summary>
/// <param name="Key">A, B, C … in the order given: one release given twice (an A/A test) is two kernels.</param>
/// <param name="ConfigSha256">The SHA-256 of its configuration as its package or tree holds it (hex).</param>
public sealed record LabKernel(string Key, string Release, string Flavor, string Preemption, string Origin, string ConfigSha256, bool Baseline);
