using AiTune.Hosting;
using AiTune.Lab.Packages;

namespace AiTune.Lab.Kernels;

/// <summary>
/// Finds the kernels a user can test and turns a user's argument into them: a .deb package (read in place), a
/// directory tree (boot/ + lib/modules/), a kernel image with its configuration beside it, or the release of an
/// installed kernel ("6.1.0-57-amd64"). What is not a kernel is an <see cref="AiTuneException"/> with a hint.
/// </summary>
public static class KernelCandidates
{
    /// <summary>A kernel image is about 10 MB; a snapshot's copy is read whole, up to this.</summary>
    private const int MaxImageBytes = 256 << 20;

    private const int MaxConfigBytes = 16 << 20;

    /// <summary>The installed kernels of <paramref name="root"/>: each /boot/vmlinuz-R with its configuration
    /// (/boot/config-R, else /lib/modules/R/config) and /lib/modules/R (or /usr/lib/modules/R); empty when there is
    /// no /boot or no kernel in it.</summary>
    public static IReadOnlyList<KernelCandidate> Installed(HostRoot root, DateOnly? today = null) =>
        Installed(root, KernelSourceKind.Installed, root.Description, today ?? Today);

    /// <summary>The kernels named by <paramref name="argument"/>.</summary>
    /// <param name="root">The host whose installed kernels a bare release names.</param>
    public static IReadOnlyList<KernelCandidate> Resolve(string argument, HostRoot root, DateOnly? today = null)
    {
        var day = today ?? Today;
        if (File.Exists(argument))
        {
            return DebianPackage.LooksLikePackage(argument) ? [FromPackage(argument, day)] : [FromImage(argument, day)];
        }

        if (Directory.Exists(argument))
        {
            using var tree = new FileSystemHostRoot(argument);
            var found = Installed(tree, KernelSourceKind.Tree, argument, day);
            return found.Count > 0
                ? found
                : throw new AiTuneException($"{argument} holds no kernel: there is no boot/vmlinuz-* in it",
                    "give a tree with boot/vmlinuz-RELEASE, boot/config-RELEASE and lib/modules/RELEASE (as dpkg-deb -x unpacks a linux-image package)");
        }

        if (IsReleaseName(argument) && root.Exists($"/boot/vmlinuz-{argument}"))
        {
            return [InstalledKernel(root, argument, KernelSourceKind.Installed, root.Description, day)];
        }

        var installed = root.List("/boot").TryGet(out var entries)
            ? entries.Where(e => e.Name.StartsWith("vmlinuz-", StringComparison.Ordinal)).Select(e => e.Name["vmlinuz-".Length..]).ToList()
            : [];
        throw new AiTuneException($"{Text.DisplayText.Excerpt(argument)}: no such file, directory or installed kernel",
            installed.Count > 0
                ? $"give a .deb, a tree, a vmlinuz file, or an installed release: {string.Join(", ", installed)}"
                : "give a .deb (apt-get download linux-image-…), an extracted tree, or a vmlinuz file with its config beside it");
    }

    /// <summary>The files to boot <paramref name="candidate"/>: in place for an installed kernel, a tree or an
    /// image; a package is extracted once into <paramref name="cacheRoot"/> (keyed by its SHA-256) and reused.</summary>
    public static BootableKernel Bootable(KernelCandidate candidate, string cacheRoot)
    {
        if (candidate.Source != KernelSourceKind.Package)
        {
            if (candidate.ImagePath is null)
            {
                throw new AiTuneException($"kernel {candidate.Release} is inside {candidate.Origin}, not on this machine's file system",
                    "a snapshot holds the facts of its kernels, not files to boot: give the kernel's package or tree");
            }

            KernelImageReader.ReadFile(candidate.ImagePath);
            return new BootableKernel(candidate.Release, candidate.ImagePath, candidate.ModulesDirectory);
        }

        var package = DebianPackage.Open(candidate.Origin);
        var tree = KernelPackageCache.Extract(package, cacheRoot);
        var image = Path.Join(tree, "boot", "vmlinuz-" + candidate.Release);
        if (!File.Exists(image))
        {
            throw new AiTuneException($"the extracted tree of {package.Description} has no boot/vmlinuz-{candidate.Release}",
                $"remove {tree} and try again");
        }

        KernelImageReader.ReadFile(image);
        var modules = Path.Join(tree, "lib", "modules", candidate.Release);
        return new BootableKernel(candidate.Release, image, Directory.Exists(modules) ? modules : null);
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static IReadOnlyList<KernelCandidate> Installed(HostRoot root, KernelSourceKind kind, string origin, DateOnly today)
    {
        if (!root.List("/boot").TryGet(out var entries))
        {
            return [];
        }

        return entries
            .Where(e => e.Kind is HostEntryKind.File or HostEntryKind.Symlink && e.Name.StartsWith("vmlinuz-", StringComparison.Ordinal))
            .Select(e => e.Name["vmlinuz-".Length..])
            .Where(IsReleaseName)
            .Select(release => InstalledKernel(root, release, kind, origin, today))
            .ToList();
    }

    private static KernelCandidate InstalledKernel(HostRoot root, string release, KernelSourceKind kind, string origin, DateOnly today)
    {
        var imagePath = $"/boot/vmlinuz-{release}";
        var local = root.LocalPath(imagePath);
        KernelImageHeader header;
        if (local.TryGet(out var localImage))
        {
            header = KernelImageReader.ReadFile(localImage);
        }
        else
        {
            var bytes = root.ReadBytes(imagePath, MaxImageBytes);
            if (!bytes.TryGet(out var image))
            {
                throw new AiTuneException($"cannot read {imagePath} in {root.Description}: {bytes.Reason!.Detail}", "check the tree and its permissions");
            }

            header = KernelImageReader.Read(image, image.Length, imagePath);
        }

        CheckRelease(header, release, imagePath);
        byte[]? config = null;
        string? configPath = null;
        foreach (var candidate in new[] { $"/boot/config-{release}", $"/lib/modules/{release}/config" })
        {
            if (root.ReadBytes(candidate, MaxConfigBytes).TryGet(out var bytes))
            {
                (config, configPath) = (bytes, candidate);
                break;
            }
        }

        if (config is null)
        {
            throw new AiTuneException($"kernel {release} in {root.Description} has no configuration: neither /boot/config-{release} nor /lib/modules/{release}/config",
                "aitune tells a kernel's facts from its build configuration; put the .config it was built with at /boot/config-" + release);
        }

        string? modules = null;
        foreach (var directory in new[] { $"/lib/modules/{release}", $"/usr/lib/modules/{release}" })
        {
            if (root.List(directory).IsKnown && root.LocalPath(directory).TryGet(out var path))
            {
                modules = path;
                break;
            }
        }

        string configSource = kind == KernelSourceKind.Installed && root.IsLive ? configPath! : root.LocalPath(configPath!).GetValueOrDefault(configPath!);
        return KernelCandidate.Create(kind, origin, release, header, local.ValueOrDefault, modules, configSource, config, today);
    }

    private static KernelCandidate FromPackage(string path, DateOnly today)
    {
        var package = DebianPackage.Open(path);
        var head = package.ReadKernelHead();
        var header = KernelImageReader.Read(head.ImageHead, head.ImageLength, $"{head.ImageName} in {package.Description}");
        CheckRelease(header, head.Release, $"{head.ImageName} in {package.Description}");
        return KernelCandidate.Create(KernelSourceKind.Package, Path.GetFullPath(path), head.Release, header, null, null,
            $"{package.Description}:{head.ConfigName}", head.Config, today, package.Control);
    }

    private static KernelCandidate FromImage(string path, DateOnly today)
    {
        var header = KernelImageReader.ReadFile(path);
        var name = Path.GetFileName(path);
        var release = header.Release ?? (name.StartsWith("vmlinuz-", StringComparison.Ordinal) ? name["vmlinuz-".Length..] : null);
        if (release is null || !IsReleaseName(release))
        {
            throw new AiTuneException($"cannot tell the release of {path}: its header has no version string and its name is not vmlinuz-RELEASE",
                "name the image vmlinuz-RELEASE, with its configuration beside it as config-RELEASE");
        }

        if (name.StartsWith("vmlinuz-", StringComparison.Ordinal))
        {
            CheckRelease(header, name["vmlinuz-".Length..], path);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var config = new[] { $"config-{release}", "config", ".config" }.Select(n => Path.Join(directory, n)).FirstOrDefault(File.Exists)
            ?? throw new AiTuneException($"{path} has no configuration beside it (config-{release}, config or .config in {directory})",
                $"copy the .config the kernel was built with to {Path.Join(directory, "config-" + release)}");
        var bytes = new FileInfo(config).Length <= MaxConfigBytes
            ? File.ReadAllBytes(config)
            : throw new AiTuneException($"{config} is larger than {MaxConfigBytes} bytes: not a kernel configuration", "give the .config the kernel was built with");
        var parent = Path.GetDirectoryName(directory);
        var modules = parent is null ? null : new[] { Path.Join(parent, "lib", "modules", release), Path.Join(parent, "usr", "lib", "modules", release) }
            .FirstOrDefault(Directory.Exists);
        return KernelCandidate.Create(KernelSourceKind.Image, Path.GetFullPath(path), release, header, Path.GetFullPath(path), modules, config, bytes, today);
    }

    /// <summary>A bzImage's header names its release; a file named for another release is not the kernel it claims.</summary>
    private static void CheckRelease(KernelImageHeader header, string release, string what)
    {
        if (header.Release is { } inImage && inImage != release)
        {
            throw new AiTuneException($"{what} is named for release {release}, but its boot header says {inImage}",
                "the file was renamed or replaced: use the image that matches its configuration and modules");
        }
    }

    /// <summary>A release as uname -r prints it, and safe as a file name.</summary>
    private static bool IsReleaseName(string release) =>
        release.Length is > 0 and <= 128 && release != "." && release != ".." && release.All(c => c > ' ' && c <= '~' && c != '/');
}
