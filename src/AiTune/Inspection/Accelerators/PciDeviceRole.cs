namespace AiTune.Inspection.Accelerators;

/// <summary>What a PCI device is to aitune: an accelerator of a kind, or a display adapter that is not one, with the
/// reason either way.</summary>
/// <param name="Kind">The accelerator kind (<see cref="AcceleratorKinds"/>); null for a display adapter.</param>
public sealed record PciDeviceRole(string? Kind, string Reason)
{
    public bool IsAccelerator => Kind is not null;
}
