namespace AiTune.Inspection.Accelerators;

/// <summary>A display adapter that is never an accelerator, known by its PCI vendor (and device, where the vendor
/// also makes GPUs) or by its driver.</summary>
/// <param name="VendorId">"0x1a03".</param>
/// <param name="DeviceId">Only this device of the vendor ("0x515e"), or null for every device of the vendor.</param>
/// <param name="Drivers">The drivers that serve it; any of them bound to a display-class device identifies it too.</param>
/// <param name="Description">"ASPEED BMC display adapter".</param>
public sealed record KnownDisplayAdapter(string VendorId, string? DeviceId, IReadOnlyList<string> Drivers, string Description);
