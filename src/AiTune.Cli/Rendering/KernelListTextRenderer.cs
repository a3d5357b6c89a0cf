using AiTune.Facts;
using AiTune.Inspection.Kernel;
using AiTune.Serialization;
using AiTune.Text;

namespace AiTune.Cli.Rendering;

/// <summary>`aitune kernel list` for people: one row per kernel (a block per kernel where the row does not fit).</summary>
public static class KernelListTextRenderer
{
    public static void Render(KernelListing listing, TextWriter output)
    {
        if (listing.Document.Kernels.Count == 0)
        {
            output.WriteLine($"no installed kernels found under /boot of {listing.InstalledOf}; pass a package or tree: aitune kernel list ./linux-image-….deb");
            return;
        }

        // One line of short values per kernel (72 columns for Debian's longest releases), then where its
        // configuration came from on a line of its own: a package path alone can be 100 characters, and a path is
        // never wrapped.
        string[] headers = ["release", "flavor", "preemption", "HZ", "longterm"];
        var rows = listing.Document.Kernels.Select(kernel => new[]
        {
            kernel.Release,
            kernel.Flavor.Name,
            Preemption(kernel.Preemption, kernel.PreemptDynamic),
            kernel.Hz.TryGet(out var hz) ? hz.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown",
            Longterm(kernel.Longterm),
        }).ToList();
        int[] widths = headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        output.WriteLine(Line(headers, widths));
        for (int i = 0; i < rows.Count; i++)
        {
            var kernel = listing.Document.Kernels[i];
            output.WriteLine(Line(rows[i], widths));
            output.WriteLine($"  {kernel.Source.ToString().ToLowerInvariant()}, config {DisplayText.FilePath(kernel.ConfigSource, 4096)}");
        }
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, i) => i == cells.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd();

    public static string Preemption(Fact<PreemptionModel> model, Fact<bool> dynamic)
    {
        if (!model.TryGet(out var known))
        {
            return "unknown";
        }

        var name = known.ToString().ToLowerInvariant();
        return dynamic.TryGet(out var isDynamic) && isDynamic && known != PreemptionModel.Dynamic ? name + "+dynamic" : name;
    }

    public static string Longterm(Fact<LongtermStatus> status)
    {
        if (!status.TryGet(out var known))
        {
            return "unknown";
        }

        if (!known.IsLongterm)
        {
            return $"{known.Branch}: not longterm";
        }

        var eol = known.EndOfLife?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "?";
        return known.EndOfLifePassed ? $"{known.Branch}: EOL passed {eol}" : $"{known.Branch} to {eol}";
    }
}
