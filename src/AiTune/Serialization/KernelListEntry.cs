using AiTune.Facts;
using AiTune.Inspection.Kernel;
using AiTune.Lab.Kernels;
using AiTune.Lab.Packages;

namespace AiTune.Serialization;

/// <summary>One kernel of <see cref="KernelListDocument"/>: the facts of <see cref="KernelCandidate"/> without its
/// eight thousand configuration options.</summary>
public sealed record KernelListEntry(
    string Release,
    KernelSourceKind Source,
    string Origin,
    KernelFlavor Flavor,
    Fact<PreemptionModel> Preemption,
    Fact<bool> PreemptDynamic,
    Fact<int> Hz,
    Fact<LongtermStatus> Longterm,
    string ConfigSource,
    int ConfigOptions,
    KernelImageFormat ImageFormat,
    string? ImageVersion,
    string? ImagePath,
    string? ModulesDirectory,
    PackageControl? Package)
{
    public static KernelListEntry Of(KernelCandidate kernel) => new(
        kernel.Release,
        kernel.Source,
        kernel.Origin,
        kernel.Flavor,
        kernel.Preemption,
        kernel.PreemptDynamic,
        kernel.Hz,
        kernel.Longterm,
        kernel.ConfigSource,
        kernel.Options.Count,
        kernel.Image.Format,
        kernel.Image.Version,
        kernel.ImagePath,
        kernel.ModulesDirectory,
        kernel.Package);
}
