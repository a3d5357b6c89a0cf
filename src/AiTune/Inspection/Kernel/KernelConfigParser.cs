using System.Text;
using AiTune.Facts;

namespace AiTune.Inspection.Kernel;

/// <summary>Parses a kernel .config as scripts/kconfig/confdata.c writes it: <c>CONFIG_NAME=value</c> (y, m, a
/// number, a hex number, or a double-quoted string with \" and \\ escaped), <c># CONFIG_NAME is not set</c> for a
/// bool or tristate that is off, and other lines starting with '#' as comments.</summary>
public static class KernelConfigParser
{
    /// <summary>Unknown (malformed) only when no line at all is an option; a bad line spoils only its option.</summary>
    public static Fact<KernelConfigFile> Parse(string text, string path) => Parse(Encoding.UTF8.GetBytes(text), path);

    /// <summary>The config as the file holds it (UTF-8); see <see cref="Parse(string, string)"/>. A distribution
    /// kernel sets about 8,000 options: the lines are read as bytes, and only the names and values kept become strings
    /// (y, m and n, most of the values, are shared literals), so a config costs no copy of itself as text.</summary>
    /// <param name="kept">The options to keep, or null for all of them. The others are still checked, so
    /// <see cref="KernelConfigFile.MalformedLines"/> and "no option in the file" do not depend on the choice, but an
    /// inspection that reads a hundred options of eight thousand does not pay for the rest.</param>
    public static Fact<KernelConfigFile> Parse(ReadOnlySpan<byte> utf8, string path, ConfigOptionNames? kept = null)
    {
        var lines = new KernelConfigLines(kept);
        lines.AddText(utf8);
        return lines.Finish(path);
    }

    /// <summary>A gzip-compressed config (/proc/config.gz), parsed as it decompresses, a chunk at a time: the
    /// decompressed text (about 100 KB to 300 KB) is never held whole, so an inspection does not touch that many fresh
    /// pages for it (<see cref="BoundedGzip"/> bounds what it decompresses).</summary>
    public static Fact<KernelConfigFile> ParseGzip(byte[] compressed, string path, ConfigOptionNames? kept = null)
    {
        var lines = new KernelConfigLines(kept);
        var failure = BoundedGzip.Decompress(compressed, path, lines.AddText);
        return failure is null ? lines.Finish(path) : Fact.Unknown<KernelConfigFile>(failure);
    }
}
