using AiTune.Serialization;
using AiTune.Text;
using AiTune.Units;

namespace AiTune.Cli.Rendering;

/// <summary>`aitune lab snapshot` for people: one line per archive written.</summary>
public static class LabSnapshotTextRenderer
{
    public static void Render(LabSnapshotDocument document, TextWriter output)
    {
        foreach (var snapshot in document.Snapshots)
        {
            output.WriteLine($"{snapshot.Release}: {ByteSize.Format(snapshot.SizeBytes)}, clocksource {snapshot.Clocksource}" + (snapshot.Attempts > 1 ? ", on the second boot" : ""));
            output.WriteLine("   " + DisplayText.FilePath(snapshot.Path, 4096));
        }

        output.WriteLine("read one with: aitune inspect --root ARCHIVE, aitune audit --root ARCHIVE");
    }
}
