using AiTune.Files;
using AiTune.Inspection.Kernel;
using AiTune.Lab.Compression;
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

    private const string Hint = "give a kernel config (boot/config-RELEASE, /proc/config.gz, a .config) or a directory that holds boot/config-RELEASE";

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
