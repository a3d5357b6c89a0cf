namespace AiTune.Lab.Guest;

/// <summary>/aitune/modules: the kernel modules PID 1 loads before anything else, one absolute path of an uncompressed
/// .ko inside the initramfs per line, in dependency order (the image builder resolved it). Blank lines and lines
/// starting with '#' are skipped.</summary>
public static class ModuleList
{
    public const string GuestPath = "/aitune/modules";

    public const int MaxBytes = 64 << 10;

    /// <summary>The paths in order, or an <see cref="AiTuneException"/> naming the first bad line.</summary>
    public static IReadOnlyList<string> Parse(string text)
    {
        var paths = new List<string>();
        int number = 0;
        foreach (string raw in text.Split('\n'))
        {
            number++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (!line.StartsWith('/') || line.Split('/').Any(part => part is ".." or ".") || line.Any(char.IsControl) || line.Contains(' ', StringComparison.Ordinal))
            {
                throw new AiTuneException($"line {number} of {GuestPath} is not an absolute path of a module: '{Text.DisplayText.Excerpt(line)}'",
                    "the lab's image builder writes one absolute .ko path per line");
            }

            paths.Add(line);
        }

        return paths;
    }
}
