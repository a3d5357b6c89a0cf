using AiTune.Audit;
using AiTune.Inspection;
using AiTune.Units;
using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>The audit for people: the host, then findings grouped by category with the worst first, each
/// failure and warning with why and how to fix it, and a one-line verdict.</summary>
public static class AuditTextRenderer
{
    public static void Render(AuditReport report, IAnsiConsole console)
    {
        var host = report.Host;
        PlainLine.Write(console, $"[bold]aitune audit[/] of {Markup.Escape(host.Source)} against [bold]{Markup.Escape(report.Profile)}[/]");
        PlainLine.Write(console, Markup.Escape(HostLine(host)));
        if (report.Model is { } model)
        {
            PlainLine.Write(console, Markup.Escape($"model {model.Source}: {ByteSize.Format(model.TensorBytes)} of tensors"));
        }

        foreach (var conflict in report.ProfileConflicts)
        {
            PlainLine.Write(console, $"[yellow]profile conflict:[/] {Markup.Escape(conflict)}");
        }

        foreach (var group in report.Findings.GroupBy(f => f.Category))
        {
            console.WriteLine();
            PlainLine.Write(console, $"[bold underline]{Markup.Escape(CategoryName(group.Key))}[/]");
            foreach (var finding in group)
            {
                WriteFinding(console, finding);
            }
        }

        console.WriteLine();
        var counts = report.Summary.Counts;
        PlainLine.Write(console, Markup.Escape($"{counts["fail"]} failed, {counts["warn"]} warnings, {counts["pass"]} passed, {counts["unknown"]} unknown, {counts["notApplicable"]} not applicable"));
        PlainLine.Write(console, "scores: " + string.Join("  ", report.Summary.Scores.Select(s => s.Selected ? $"[bold]{Markup.Escape(s.Profile)} {s.Score}[/]" : $"{Markup.Escape(s.Profile)} {s.Score}")));
        var colour = counts["fail"] > 0 ? "red" : counts["warn"] > 0 ? "yellow" : "green";
        PlainLine.Write(console, $"[bold {colour}]verdict:[/] {Markup.Escape(report.Summary.Verdict)}");
    }

    /// <summary>"kernel 6.8.0-51-generic (generic/ubuntu) · Xeon × 16 · 503.5 GiB in 2 NUMA node(s) · 1 accelerator(s) · bare metal".</summary>
    public static string HostLine(HostSummary host) =>
        $"kernel {host.Kernel ?? "?"} ({host.Flavor ?? "?"}) · {host.CpuModel ?? "?"} × {host.LogicalCpus?.ToString() ?? "?"} · " +
        $"{(host.MemoryBytes is { } m ? ByteSize.Format(m) : "?")} in {host.NumaNodes?.ToString() ?? "?"} NUMA node(s) · " +
        $"{host.Accelerators?.ToString() ?? "?"} accelerator(s) · {Virtualization(host.Virtualization)}";

    /// <summary>Bare metal only where the inspection concluded it: an unknown answer is said as unknown.</summary>
    private static string Virtualization(string? hypervisor) => hypervisor switch
    {
        null => "virtualization unknown",
        "none" => "bare metal",
        _ => "VM: " + hypervisor,
    };

    /// <summary>The column the finding's fields start in, and their labels' width: a field's value wraps under
    /// itself, never back to the margin.</summary>
    private const int FieldIndent = 7;
    private const int FieldLabelWidth = 9;

    private static void WriteFinding(IAnsiConsole console, Finding finding)
    {
        var (label, colour) = finding.Status switch
        {
            FindingStatus.Fail => ("FAIL", "red"),
            FindingStatus.Warn => ("WARN", "yellow"),
            FindingStatus.Pass => ("PASS", "green"),
            FindingStatus.Unknown => ("????", "grey"),
            _ => (" n/a", "grey"),
        };
        var severity = finding.Severity.ToString().ToLowerInvariant();
        new FieldBlock(2, 4).Add($"[{colour}]{label}[/]", $"{finding.Id} [grey]{severity}[/] {Markup.Escape(finding.Title)}").Write(console);
        if (finding.Status is FindingStatus.Pass)
        {
            Indented.Write(console, FieldIndent, $"[grey]{Markup.Escape(finding.Current)}[/]");
            return;
        }

        if (finding.Status is FindingStatus.NotApplicable or FindingStatus.Unknown)
        {
            Indented.Write(console, FieldIndent, $"[grey]{Markup.Escape(finding.Note ?? finding.Current)}[/]");
            return;
        }

        var fields = new FieldBlock(FieldIndent, FieldLabelWidth)
            .Add("current:", Markup.Escape(finding.Current))
            .Add("expected:", Markup.Escape(finding.Expected))
            .Add("why:", $"[grey]{Markup.Escape(finding.Why)}[/]");
        if (finding.Note is { } note)
        {
            fields.Add("note:", Markup.Escape(note));
        }

        if (finding.Fix?.Runtime is { } runtime)
        {
            fields.Add("fix now:", $"[cyan]{Markup.Escape(runtime)}[/]");
        }

        if (finding.Fix?.Persistent is { } persistent)
        {
            fields.Add("persist:", $"[cyan]{Markup.Escape(persistent)}[/]");
        }

        fields.Write(console);
    }

    public static string CategoryName(Category category) => category switch
    {
        Category.Cpu => "CPU",
        Category.Gpu => "accelerators",
        Category.Cgroups => "cgroups & limits",
        _ => category.ToString().ToLowerInvariant(),
    };
}
