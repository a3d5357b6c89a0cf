using AiTune.Files;
using AiTune.Hosting;
using AiTune.Inspection.Kernel;
using AiTune.Lab.Compression;
using AiTune.Lab.Kernels;
using AiTune.Lab.Packages;
using AiTune.Text;

namespace AiTune.Lab.Configs;

/// <summary>Reads a kernel's build configuration for a diff from what a user names: a config file (plain, or
/// compressed with gzip, xz or zstd, as /proc/config.gz is), or a directory holding boot/config-RELEASE (an extracted
/// package or a host tree). The label is the release the file name gives (config-RELEASE), else the file name.</summary>
public static class KernelConfigFiles
{
    /// <summary>A distribution config is about 300 KiB; anything near this is not a config.</summary>
    public const long MaxBytes = 16L << 20;

    private const string ConfigPrefix = "config-";

    private const string Hint = "give a kernel config (boot/config-RELEASE, /proc/config.gz, a .config), a directory that holds boot/config-RELEASE, a .deb, a vmlinuz with its config beside it, or an installed release";

    public static KernelConfigInput Open(string path)
    {
        if (Directory.Exists(path))
        {
            return Open(InDirectory(path));
        }

        byte[] data;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxBytes)
            {
                throw new AiTuneException($"{DisplayText.FilePath(path)} is {info.Length} bytes: too large for a kernel config", Hint);
            }

            data = File.ReadAllBytes(path);
        }
        catch (Exception e) when (FileErrors.IsFileError(e))
        {
            throw FileErrors.Reading(path, e, Hint, "the kernel config");
        }

        byte[] text;
        try
        {
            text = Decompression.ReadAll(data, MaxBytes, DisplayText.FilePath(path));
        }
        catch (InvalidDataException e)
        {
            throw new AiTuneException($"{DisplayText.FilePath(path)} is compressed but cannot be read: {e.Message}", Hint);
        }

        var parsed = KernelConfigParser.Parse(text, path);
        if (!parsed.IsKnown)
        {
            throw new AiTuneException($"{DisplayText.FilePath(path)} is not a kernel config: it has no CONFIG_ option", Hint);
        }

        return new KernelConfigInput(LabelOf(path), parsed.Value.Options, path);
    }

    /// <summary>The kernels one argument of `kernel diff` names: a config file or a directory holding only
    /// boot/config-RELEASE is read as such; anything else (a .deb, a tree with its kernel image, a vmlinuz file, an
    /// installed release of <paramref name="root"/>) is a kernel candidate, read through the same resolution as `kernel
    /// list`, so both commands accept the same kernels.</summary>
    public static IReadOnlyList<KernelConfigInput> Resolve(string argument, HostRoot root)
    {
        bool config = File.Exists(argument)
            ? LooksLikeConfig(argument)
            : Directory.Exists(argument) && !HoldsKernelImage(argument);
        if (config)
        {
            return [Open(argument)];
        }

        if (File.Exists(argument) && !DebianPackage.LooksLikePackage(argument))
        {
            try
            {
                KernelImageReader.ReadFile(argument);
            }
            catch (AiTuneException e)
            {
                throw new AiTuneException($"{DisplayText.FilePath(argument)} is not a kernel config, a kernel package or a kernel image ({e.Message})", Hint);
            }
        }

        return KernelCandidates.Resolve(argument, root).Select(c => new KernelConfigInput(c.Release, c.Options, c.ConfigSource)).ToList();
    }

    /// <summary>Whether the file's text (decompressed, when compressed) begins as a Kconfig file does: a comment or a
    /// CONFIG_ line. A package, a kernel image or anything else does not.</summary>
    private static bool LooksLikeConfig(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            Span<byte> magic = stackalloc byte[Decompression.MagicLength];
            int read = file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
            file.Position = 0;
            using var text = Decompression.Open(file, Decompression.Detect(magic[..read]), MaxBytes, DisplayText.FilePath(path));
            Span<byte> head = stackalloc byte[7];
            int got = text.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return head[..got].StartsWith("#"u8) || head[..got].StartsWith("CONFIG_"u8);
        }
        catch (Exception e) when (e is InvalidDataException || FileErrors.IsFileError(e))
        {
            return false; // not readable as a config: the candidate resolution says what it is instead
        }
    }

    private static bool HoldsKernelImage(string directory)
    {
        string boot = Path.Join(directory, "boot");
        return Directory.Exists(boot) && Directory.EnumerateFiles(boot, "vmlinuz-*").Any();
    }

    /// <summary>The release in a config file's name (config-6.1.0-57-amd64.gz → 6.1.0-57-amd64), else the file name.</summary>
    public static string LabelOf(string path)
    {
        string name = Path.GetFileName(path.TrimEnd('/'));
        foreach (var suffix in (string[])[".gz", ".xz", ".zst"])
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                name = name[..^suffix.Length];
                break;
            }
        }

        return name.StartsWith(ConfigPrefix, StringComparison.Ordinal) && name.Length > ConfigPrefix.Length ? name[ConfigPrefix.Length..] : name;
    }

    private static string InDirectory(string directory)
    {
        string boot = Path.Join(directory, "boot");
        var configs = Directory.Exists(boot)
            ? Directory.EnumerateFiles(boot, ConfigPrefix + "*").Order(StringComparer.Ordinal).ToList()
            : [];
        return configs.Count switch
        {
            1 => configs[0],
            0 => throw new AiTuneException($"{DisplayText.FilePath(directory)} holds no boot/config-RELEASE", Hint),
            _ => throw new AiTuneException($"{DisplayText.FilePath(directory)} holds {configs.Count} kernel configs ({string.Join(", ", configs.Select(Path.GetFileName))})",
                "name the one to compare: " + DisplayText.FilePath(configs[0])),
        };
    }
}
