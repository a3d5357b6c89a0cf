using AiTune.Facts;
using AiTune.Inspection.Kernel;
using AiTune.Serialization;
using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>`aitune kernel list` for people: one row per kernel (a block per kernel where the row does not fit).</summary>
public static class KernelListTextRenderer
{
    public static void Render(KernelListing listing, IAnsiConsole console)
    {
        if (listing.Document.Kernels.Count == 0)
        {
            console.WriteLine($"no installed kernels found under /boot of {listing.InstalledOf}; pass a package or tree: aitune kernel list ./linux-image-….deb");
            return;
        }

        var table = new ValueTable()
            .Column("release", ValueColumnRole.Heading)
            .Column("flavor", ValueColumnRole.Detail)
            .Column("preemption", ValueColumnRole.Detail)
            .Column("HZ", ValueColumnRole.Detail, rightAligned: true)
            .Column("longterm", ValueColumnRole.Detail)
            .Column("source", ValueColumnRole.Detail)
            .Column("config", ValueColumnRole.Detail);
        foreach (var kernel in listing.Document.Kernels)
        {
            table.Row(
                Markup.Escape(kernel.Release),
                Markup.Escape(kernel.Flavor.Name),
                Markup.Escape(Preemption(kernel.Preemption, kernel.PreemptDynamic)),
                kernel.Hz.TryGet(out var hz) ? hz.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown",
                Markup.Escape(Longterm(kernel.Longterm)),
                kernel.Source.ToString().ToLowerInvariant(),
                Markup.Escape(kernel.ConfigSource));
        }

        table.Write(console);
    }

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
