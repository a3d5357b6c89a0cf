using AiTune.Facts;

namespace AiTune.Inspection.Accelerators;

/// <summary>The firmware directory an accelerator's driver loads from (/lib/firmware/habanalabs, /lib/firmware/intel/vpu)
/// and the files in it (relative, one level of subdirectories deep); an empty list when the directory is absent.</summary>
public sealed record AcceleratorFirmware(string Directory, Fact<IReadOnlyList<string>> Files);
