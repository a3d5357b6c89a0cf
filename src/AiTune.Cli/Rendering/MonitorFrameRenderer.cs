using System.Globalization;
using AiTune.Services.Monitoring;
using AiTune.Units;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AiTune.Cli.Rendering;

/// <summary>
/// One frame of `aitune monitor` as text: a label column and grids of values that never wrap (a number, a mode, a
/// knob id stays whole), sized for an 80-column terminal; only the lists (drifted knobs, failure notes) wrap, at their
/// separators. Unknown values say "unknown", never 0. Colour marks what needs a look: stalls, fallbacks, drift,
/// failures.
/// </summary>
public static class MonitorFrameRenderer
{
    /// <summary>Pressure share of wall time from which a cell is marked: a tenth of the time stalled.</summary>
    public const double NoticeableStall = 0.10;

    /// <summary>THP fault fallback share from which the line is marked.</summary>
    public const double NoticeableFallback = 0.10;

    private const string Unknown = "[dim]unknown[/]";

    /// <summary>The label column of the one-line sections (memory, THP, tuning).</summary>
    private const int LabelWidth = 10;

    /// <summary>A rate of a frame that has none (one sample): not unknown, there is nothing to know.</summary>
    private const string NoRate = "[dim]-[/]";

    private static readonly string[] HugePageHeaders = ["size", "node", "pool", "free", "surplus", "requested"];

    /// <param name="quitHint">Whether to say how to leave (the live view).</param>
    public static void Write(IAnsiConsole console, MonitorFrame frame, bool quitHint)
    {
        // The time and the hint move to a line of their own rather than break: a value is never split.
        string host = $"[bold]aitune monitor[/]  kernel {(frame.KernelRelease is { } release ? Markup.Escape(release) : Unknown)}";
        string time = frame.TakenAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" + (quitHint ? "  [dim]q quits[/]" : "");
        bool together = host.RemoveMarkup().Length + 2 + time.RemoveMarkup().Length <= console.Profile.Width;
        console.Write(new Markup(together ? $"{host}  {time}\n" : $"{host}\n{time}\n"));
        console.Write(new Markup(frame.Interval is { } interval
            ? $"[dim]rates over the last {Seconds(interval)}[/]\n"
            : $"[dim]rates: none ({Markup.Escape(frame.RatesAbsent ?? MonitorFrame.OneSampleReason)})[/]\n"));

        console.WriteLine();
        console.Write(new Markup("[bold]pressure[/] [dim](share of wall time stalled)[/]\n"));
        var pressure = Grid(1 + frame.Pressure.Count, [.. Enumerable.Range(1, frame.Pressure.Count)]);
        pressure.AddRow([new Markup(""), .. frame.Pressure.Select(p => (IRenderable)new Markup($"[dim]{Markup.Escape(p.Resource)}[/]"))]);
        // n/a: the kernel has no such line (irq has no "some"; a kernel without a resource has no file), as opposed to
        // unknown: it should be there and could not be read.
        bool collected = frame.Failures.All(f => f.Collector != "pressure");
        pressure.AddRow([new Markup("some"), .. frame.Pressure.Select(p => Stall(p.Some, p.Resource == "irq" || (!p.Reported && collected), frame))]);
        pressure.AddRow([new Markup("full"), .. frame.Pressure.Select(p => Stall(p.Full, !p.Reported && collected, frame))]);
        console.Write(new Padder(pressure, new Padding(2, 0, 0, 0)));

        console.WriteLine();
        console.Write(new Markup($"[bold]memory[/]    {Bytes(frame.MemoryTotalBytes)} total, {Bytes(frame.MemoryAvailableBytes)} available" +
            (frame.MemoryTotalBytes is > 0 and { } total && frame.MemoryAvailableBytes is { } available ? $" ({Percent.Format(available / total)})" : "") + "\n"));

        console.WriteLine();
        WriteHugePages(console, frame);

        console.WriteLine();
        var thp = frame.Thp;
        console.Write(new Markup($"[bold]THP[/]       enabled {Mode(thp.Enabled)}, defrag {Mode(thp.Defrag)}\n"));
        bool rates = frame.Interval is not null;
        string share = thp.FallbackShare is { } fallback
            ? fallback >= NoticeableFallback ? $"[yellow]{Percent.Format(fallback)}[/]" : Percent.Format(fallback)
            : !rates ? NoRate
            : thp.FaultAllocPerSecond is not null && thp.FaultFallbackPerSecond is not null ? "[dim]no faults[/]" : Unknown;
        console.Write(new Markup($"          faults {PerSecond(thp.FaultAllocPerSecond, rates)} huge, {PerSecond(thp.FaultFallbackPerSecond, rates)} fell back; fallback {share}\n"));

        console.WriteLine();
        WriteTuning(console, frame.Tuning);

        console.WriteLine();
        WriteAccelerators(console, frame.Accelerators);

        console.WriteLine();
        WriteFailures(console, frame.Failures);
    }

    private static void WriteHugePages(IAnsiConsole console, MonitorFrame frame)
    {
        if (frame.HugePages.Count == 0)
        {
            console.Write(new Markup($"[bold]huge pages[/] {(frame.Failures.Any(f => f.Collector == "hugepages") ? Unknown : "[dim]none on this host[/]")}\n"));
            return;
        }

        console.Write(new Markup("[bold]huge pages[/] [dim](pages per NUMA node; requested: at boot, all nodes)[/]\n"));
        var grid = Grid(6, 2, 3, 4);
        grid.AddRow([.. HugePageHeaders.Select(h => (IRenderable)new Markup($"[dim]{h}[/]"))]);
        foreach (var group in frame.HugePages.GroupBy(r => r.PageSizeBytes))
        {
            var requests = frame.HugePageRequests.Where(r => r.PageSizeBytes == group.Key)
                .Select(r => $"{Count(r.Pages)} ({Markup.Escape(r.Source)})").ToList();
            bool first = true;
            foreach (var row in group)
            {
                grid.AddRow([
                    new Markup(ByteSize.Format(row.PageSizeBytes)), new Markup(Markup.Escape(row.Node)),
                    new Markup(Count(row.Pool)), new Markup(Count(row.Free)), new Markup(Count(row.Surplus)),
                    new Markup(first ? string.Join(", ", requests) : ""),
                ]);
                first = false;
            }
        }

        console.Write(new Padder(grid, new Padding(2, 0, 0, 0)));
    }

    private static void WriteTuning(IAnsiConsole console, TuningState tuning)
    {
        if (!tuning.Known)
        {
            console.Write(new Markup($"[bold]tuning[/]    {Unknown} [dim](see collectors)[/]\n"));
            return;
        }

        if (tuning.Profile is not { } profile)
        {
            console.Write(new Markup("[bold]tuning[/]    no profile applied\n"));
            return;
        }

        string drift = tuning.DriftedKnobs.Count == 0 ? "[green]no drift[/]" : $"[red]{tuning.DriftedKnobs.Count} drifted[/]";
        string pending = tuning.PendingRebootKnobs.Count == 0 ? "" : $", {tuning.PendingRebootKnobs.Count} pending reboot";
        console.Write(Labelled("tuning", $"profile {Markup.Escape(profile)}, {drift}{pending}"));
        if (tuning.DriftedKnobs.Count > 0)
        {
            console.Write(Labelled("", "[red]drifted:[/] " + Markup.Escape(string.Join(", ", tuning.DriftedKnobs))));
        }
    }

    private static void WriteAccelerators(IAnsiConsole console, IReadOnlyList<AcceleratorRow> accelerators)
    {
        if (accelerators.Count == 0)
        {
            console.Write(new Markup("[bold]accelerators[/] [dim]none found[/]\n"));
            return;
        }

        console.Write(new Markup("[bold]accelerators[/]\n"));
        var grid = new Grid();
        grid.AddColumn(new GridColumn().NoWrap().PadRight(2));
        grid.AddColumn(new GridColumn().PadRight(2));
        grid.AddColumn(new GridColumn().NoWrap().PadRight(2));
        grid.AddColumn(new GridColumn().NoWrap().PadRight(0));
        foreach (var device in accelerators)
        {
            grid.AddRow(new Markup(Markup.Escape(device.Vendor)), new Markup(Markup.Escape(device.Model)),
                new Markup(device.NumaNode is { } node ? $"NUMA node {Markup.Escape(node)}" : "NUMA node [dim]unknown[/]"),
                new Markup($"[dim]{Markup.Escape(device.PciAddress)}[/]"));
        }

        console.Write(new Padder(grid, new Padding(2, 0, 0, 0)));
    }

    private static void WriteFailures(IAnsiConsole console, IReadOnlyList<CollectorFailure> failures)
    {
        if (failures.Count == 0)
        {
            console.Write(new Markup("[bold]collectors[/]  [green]all read what they need[/]\n"));
            return;
        }

        console.Write(new Markup($"[bold]collectors[/]  [red]{failures.Count} failed[/]\n"));
        foreach (var failure in failures)
        {
            string why = failure.Notes.Count == 0 ? "no reason given" : failure.Notes[0] + (failure.Notes.Count > 1 ? $" (+{failure.Notes.Count - 1} more)" : "");
            console.Write(Labelled("  " + failure.Collector, Markup.Escape(why), Math.Max(LabelWidth, failures.Max(f => f.Collector.Length) + 4)));
        }
    }

    /// <summary>A label column and a value that wraps under itself, not under the label.</summary>
    private static Grid Labelled(string label, string markup, int width = LabelWidth)
    {
        var grid = new Grid();
        grid.AddColumn(new GridColumn().NoWrap().Width(width).PadRight(0));
        grid.AddColumn(new GridColumn().PadRight(0));
        grid.AddRow(new Markup(label.Length > 0 ? $"[bold]{Markup.Escape(label)}[/]" : ""), new Markup(markup));
        return grid;
    }

    private static Grid Grid(int columns, params int[] rightAligned)
    {
        var grid = new Grid();
        for (int i = 0; i < columns; i++)
        {
            var column = new GridColumn().NoWrap().PadRight(i == columns - 1 ? 0 : 3);
            grid.AddColumn(rightAligned.Contains(i) ? column.RightAligned() : column);
        }

        return grid;
    }

    private static Markup Stall(double? share, bool notReported, MonitorFrame frame)
    {
        if (share is { } value)
        {
            string text = Percent.Format(value);
            return new Markup(value >= NoticeableStall ? $"[yellow]{text}[/]" : text);
        }

        return new Markup(notReported ? "[dim]n/a[/]" : frame.Interval is null ? NoRate : Unknown);
    }

    private static string Seconds(TimeSpan interval) =>
        interval.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string Bytes(double? bytes) => bytes is { } value ? ByteSize.Format((long)value) : Unknown;

    private static string Count(double? pages) => pages is { } value ? value.ToString("0", CultureInfo.InvariantCulture) : Unknown;

    private static string Mode(string? mode) => mode is null ? Unknown : Markup.Escape(mode);

    private static string PerSecond(double? rate, bool rates) =>
        rate is { } value ? value.ToString("0.0", CultureInfo.InvariantCulture) + "/s" : rates ? Unknown : NoRate;
}
