namespace AiTune.Lab.Image;

/// <summary>Module names as the kernel compares them: '-' and '_' are the same character, and a file's name drops its
/// ".ko" and compression suffix.</summary>
public static class ModuleNames
{
    /// <summary>The suffixes a module file may have, longest first.</summary>
    public static readonly IReadOnlyList<string> FileSuffixes = [".ko.zst", ".ko.xz", ".ko.gz", ".ko"];

    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Replace('-', '_');
    }

    /// <summary>The module name of a file path ("kernel/drivers/virtio/virtio_pci.ko.xz" → "virtio_pci"), or null
    /// when the file is not a module.</summary>
    public static string? OfFile(string path)
    {
        string file = Path.GetFileName(path);
        foreach (var suffix in FileSuffixes)
        {
            if (file.Length > suffix.Length && file.EndsWith(suffix, StringComparison.Ordinal))
            {
                return Normalize(file[..^suffix.Length]);
            }
        }

        return null;
    }

    /// <summary><paramref name="path"/> with its compression suffix dropped, as the decompressed file is placed.</summary>
    public static string Decompressed(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        int ko = path.LastIndexOf(".ko", StringComparison.Ordinal);
        return ko >= 0 ? path[..(ko + 3)] : path;
    }
}
