using AiTune.Inspection;

namespace AiTune.Knobs.Kinds;

/// <summary>What a fix needs to know of the host beyond the knob: its facts, and the sysctl.d file apply would write
/// there (null when no NN-aitune.conf name is free), so the fix names the same file as apply.</summary>
public sealed record FixSite(HostFacts Facts, string? SysctlFile);
