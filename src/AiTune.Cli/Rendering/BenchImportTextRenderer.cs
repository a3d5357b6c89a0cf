using AiTune.Services.Benchmarking;
using AiTune.Text;

namespace AiTune.Cli.Rendering;

/// <summary>`aitune bench import` for people: what was stored, under which ids, and what the store held already.</summary>
public static class BenchImportTextRenderer
{
    public static void Render(RunImport imported, TextWriter output)
    {
        var database = DisplayText.Escape(imported.Database);
        if (imported.RunsInSource == 0)
        {
            output.WriteLine($"{DisplayText.Escape(imported.Source)} holds no runs: nothing imported into {database}");
        }

        if (imported.Ids.Count > 0)
        {
            output.WriteLine($"imported {imported.Ids.Count} run(s) into {database} as id(s) {string.Join(", ", imported.Ids)}");
        }

        if (imported.AlreadyStored.Count > 0)
        {
            output.WriteLine($"{imported.AlreadyStored.Count} run(s) were already in {database} (id(s) {string.Join(", ", imported.AlreadyStored)}): not stored again");
        }
    }
}
