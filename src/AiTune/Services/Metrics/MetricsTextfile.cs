using AiTune.Files;
using AiTune.Text;

namespace AiTune.Services.Metrics;

/// <summary>The node_exporter textfile: DIR/aitune.prom, written whole or not at all (a hidden temporary file in DIR,
/// synced, renamed over the old one), as the textfile collector requires: it reads only *.prom files, and a file it
/// reads mid-write would be a half exposition.</summary>
public static class MetricsTextfile
{
    public const string FileName = "aitune.prom";

    /// <summary>Checks the directory before anything is collected: one that does not exist is the user's error.</summary>
    public static string RequireDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new AiTuneException($"--textfile {DisplayText.FilePath(directory)}: no such directory",
                "give node_exporter's --collector.textfile.directory (create it first); aitune writes aitune.prom in it");
        }

        return Path.Join(Path.GetFullPath(directory), FileName);
    }

    /// <summary>Writes <paramref name="content"/> as DIR/aitune.prom, replacing the previous one atomically.</summary>
    public static string Write(string directory, ReadOnlyMemory<byte> content)
    {
        string path = RequireDirectory(directory);
        OutputFile.Write(path, content.Length, replace: true, stream =>
        {
            stream.Write(content.Span);
            return 0;
        });
        return path;
    }
}
