namespace AiTune.Inspection.Memory;

/// <param name="Name">Device or file ("/dev/zram0", "/swapfile").</param>
/// <param name="Type">partition or file.</param>
/// <param name="IsZram">A zram device: compressed RAM, not disk.</param>
public sealed record SwapArea(string Name, string Type, long SizeBytes, long UsedBytes, int Priority, bool IsZram);
