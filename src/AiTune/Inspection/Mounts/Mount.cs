namespace AiTune.Inspection.Mounts;

/// <summary>One line of /proc/self/mounts, octal escapes (\040 for a space) decoded.</summary>
public sealed record Mount(string Source, string MountPoint, string FsType, IReadOnlyList<string> Options)
{
    /// <summary>The value of an option such as size=8g, or null.</summary>
    public string? Option(string name)
    {
        var prefix = name + "=";
        foreach (var option in Options)
        {
            if (option.StartsWith(prefix, StringComparison.Ordinal))
            {
                return option[prefix.Length..];
            }

            if (option == name)
            {
                return "";
            }
        }

        return null;
    }
}
