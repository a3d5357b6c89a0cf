using AiTune.Audit;
using AiTune.Units;

namespace AiTune.Cli.Rendering;

/// <summary>The audit as Markdown, for tickets and change reviews.</summary>
public static class AuditMarkdownRenderer
{
    public static void Render(AuditReport report, TextWriter output)
    {
        var host = report.Host;
        output.WriteLine($"# aitune audit: {Cell(report.Profile)}");
        output.WriteLine();
        output.WriteLine($"- host: {Cell(host.Source)}, kernel {Cell(host.Kernel ?? "?")} ({Cell(host.Flavor ?? "?")})");
        output.WriteLine($"- CPU: {Cell(host.CpuModel ?? "?")} × {host.LogicalCpus?.ToString() ?? "?"}; memory {(host.MemoryBytes is { } m ? ByteSize.Format(m) : "?")} in {host.NumaNodes?.ToString() ?? "?"} NUMA node(s); {host.Accelerators?.ToString() ?? "?"} accelerator(s)");
        if (report.Model is { } model)
        {
            output.WriteLine($"- model: {Cell(model.Source)}, {ByteSize.Format(model.TensorBytes)}");
        }

        output.WriteLine($"- verdict: **{Cell(report.Summary.Verdict)}**");
        output.WriteLine($"- scores: {string.Join(", ", report.Summary.Scores.Select(s => $"{s.Profile} {s.Score}"))}");
        foreach (var group in report.Findings.GroupBy(f => f.Category))
        {
            output.WriteLine();
            output.WriteLine($"## {AuditTextRenderer.CategoryName(group.Key)}");
            output.WriteLine();
            output.WriteLine("| status | id | severity | finding | current | expected | fix |");
            output.WriteLine("|---|---|---|---|---|---|---|");
            foreach (var f in group)
            {
                var fix = f.Fix is null ? "" : string.Join("<br>", new[] { f.Fix.Runtime, f.Fix.Persistent }.OfType<string>().Select(Cell));
                output.WriteLine($"| {Status(f.Status)} | {f.Id} | {f.Severity.ToString().ToLowerInvariant()} | {Cell(f.Title)} | {Cell(f.Current)} | {Cell(f.Expected)} | {fix} |");
            }
        }
    }

    private static string Status(FindingStatus status) => status switch
    {
        FindingStatus.NotApplicable => "n/a",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
