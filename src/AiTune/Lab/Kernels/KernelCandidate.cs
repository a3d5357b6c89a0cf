using AiTune.Facts;
using AiTune.Inspection.Kernel;
using AiTune.Lab.Packages;

namespace AiTune.Lab.Kernels;

/// <summary>A kernel a user can test: where it came from, what it is, and its build configuration. The facts come
/// from the parsers the inspector uses for the running kernel (flavor, preemption, HZ, longterm status), read from
/// the configuration alone: a kernel that is not running has no /proc/version, command line or debugfs.</summary>
/// <param name="Origin">What the user named: the package file, the tree directory, the image file, or the host
/// ("the live host", "host tree /srv/x").</param>
/// <param name="Release">The release its file names give (boot/vmlinuz-R), checked against the image's header.</param>
/// <param name="ImagePath">The image on this machine's file system; null for a package (see
/// <see cref="KernelCandidates.Bootable"/>) and for a kernel inside a snapshot archive.</param>
/// <param name="ModulesDirectory">lib/modules/R on this machine's file system; null where there is none, for a
/// package until it is extracted, and inside a snapshot archive.</param>
/// <param name="ConfigSource">Where the configuration was read ("/boot/config-R", "x.deb:boot/config-R").</param>
/// <param name="Config">The whole parsed configuration (every option, "n" for those not set).</param>
/// <param name="Package">The package's control fields, for a package.</param>
/// <param name="ConfigText">The configuration file as read, for a guest's /boot/config-R (the audit inside a lab
/// guest reads it as on an installed system).</param>
public sealed record KernelCandidate(
    KernelSourceKind Source,
    string Origin,
    string Release,
    KernelImageHeader Image,
    string? ImagePath,
    string? ModulesDirectory,
    string ConfigSource,
    KernelConfigFile Config,
    KernelFlavor Flavor,
    Fact<PreemptionModel> Preemption,
    Fact<bool> PreemptDynamic,
    Fact<int> Hz,
    Fact<LongtermStatus> Longterm,
    PackageControl? Package = null,
    ReadOnlyMemory<byte> ConfigText = default)
{
    /// <summary>Every option of the configuration by name with the CONFIG_ prefix ("CONFIG_HZ" → "250").</summary>
    public IReadOnlyDictionary<string, string> Options => Config.Options;

    /// <summary>The facts of a kernel from its release and configuration, through the inspector's own parsers.</summary>
    /// <param name="today">The day the longterm end of life is compared with.</param>
    public static KernelCandidate Create(KernelSourceKind source, string origin, string release, KernelImageHeader image,
        string? imagePath, string? modulesDirectory, string configSource, byte[] config, DateOnly today, PackageControl? package = null)
    {
        var parsed = KernelConfigParser.Parse(config, configSource);
        if (!parsed.TryGet(out var file))
        {
            throw new AiTuneException($"{configSource} is not a kernel configuration: {parsed.Reason!.Detail}",
                "the configuration is the .config the kernel was built with (boot/config-RELEASE)");
        }

        var options = file.Options;
        return new KernelCandidate(
            source,
            origin,
            release,
            image,
            imagePath,
            modulesDirectory,
            configSource,
            file,
            KernelFlavorDetector.Detect(release, null, options),
            PreemptionResolver.Resolve(null, null, null, options, null),
            KernelInspector.PreemptDynamic(null, options, null),
            KernelInspector.Hz(file, configSource),
            LongtermTable.Shipped.Bind(table => table.Status(release, today)),
            package,
            config);
    }
}
