namespace AiTune.Services.Monitoring;

/// <summary>One accelerator as aitune_accelerator_info names it; <see cref="NumaNode"/> is null when the firmware did
/// not say (-1).</summary>
public sealed record AcceleratorRow(string Vendor, string Model, string? NumaNode, string PciAddress);
