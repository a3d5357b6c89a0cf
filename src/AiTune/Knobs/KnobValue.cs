using AiTune.Facts;

namespace AiTune.Knobs;

/// <summary>A knob's current value on one subject: "" for host-wide knobs, "policy0" or "nvme0n1" otherwise.</summary>
public sealed record KnobValue(string Subject, Fact<string> Value);
