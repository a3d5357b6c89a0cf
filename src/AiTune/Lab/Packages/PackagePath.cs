namespace AiTune.Lab.Packages;

/// <summary>Names of entries inside a package's data.tar, checked before anything is done with them: relative,
/// no ".." or empty component, no control character. Debian writes them as "./boot/vmlinuz-R".</summary>
public static class PackagePath
{
    /// <summary>The name without its leading "./" and trailing '/', or "" for the archive's root ("./");
    /// an absolute name, one with "..", or one with a control character is an <see cref="InvalidDataException"/>.</summary>
    public static string Normalize(string name, string what)
    {
        if (name.StartsWith('/'))
        {
            throw new InvalidDataException($"{what} holds an entry with an absolute name ({Shown(name)}), which could write outside the tree");
        }

        if (name.Any(c => char.IsControl(c)) || name.Length > 4096)
        {
            throw new InvalidDataException($"{what} holds an entry whose name has control characters or is too long");
        }

        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToList();
        if (parts.Contains(".."))
        {
            throw new InvalidDataException($"{what} holds an entry whose name climbs out with \"..\" ({Shown(name)})");
        }

        return string.Join('/', parts);
    }

    /// <summary>Where an entry lands in an extracted kernel tree, or null for one the tree does not keep: boot/**
    /// and lib/modules/** as they are, usr/lib/modules/** (merged-/usr distributions) as lib/modules/**.</summary>
    public static string? KernelTreeName(string normalized)
    {
        if (normalized.StartsWith("usr/lib/modules/", StringComparison.Ordinal) || normalized == "usr/lib/modules")
        {
            normalized = normalized[4..];
        }

        return normalized is "boot" or "lib" or "lib/modules"
            || normalized.StartsWith("boot/", StringComparison.Ordinal)
            || normalized.StartsWith("lib/modules/", StringComparison.Ordinal)
            ? normalized
            : null;
    }

    /// <summary>A name as a message may show it: printable, and not endless.</summary>
    internal static string Shown(string name)
    {
        var printable = new string(name.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return printable.Length > 120 ? printable[..120] + "…" : printable;
    }
}
