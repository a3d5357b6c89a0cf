using AiTune.Facts;

namespace AiTune.Inspection.Accelerators;

/// <summary>What the PCI bus holds that matters to AI: the accelerators, and apart from them the display adapters that
/// are not (so a BMC's VGA is never counted as a GPU). Both are unknown when the bus cannot be listed.</summary>
public sealed record AcceleratorInventory(
    Fact<IReadOnlyList<Accelerator>> Accelerators,
    Fact<IReadOnlyList<DisplayAdapter>> DisplayAdapters);
