using System.Globalization;
using AiTune.Benchmarks;
using AiTune.Services.ClosedLoop;
using AiTune.Tuning.Transactions;
using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>The closed loop as it goes: the plan of rounds, each run with its side, the first apply in full and the
/// later switches in a line.</summary>
public sealed class TuneProgressRenderer(IAnsiConsole console, string profile) : IClosedLoopObserver
{
    public void Planned(int runsPerSide, int runsPerSideNeeded, int metrics)
    {
        PlainLine.Write(console, Markup.Escape($"aitune tune {profile}: {runsPerSide} runs without and {runsPerSide} with the profile, interleaved (ABBA), {metrics} metric(s) each"));
        if (runsPerSide < runsPerSideNeeded)
        {
            PlainLine.Write(console, "[yellow]" + Markup.Escape($"{runsPerSide} runs a side cannot show a change in {metrics} metric(s): at least {runsPerSideNeeded} are needed, so the profile will not be kept on this evidence (unless --keep)") + "[/]");
        }
    }

    public void Measuring(LoopArm arm, int index, int total) =>
        PlainLine.Write(console, $"[bold]{index}/{total}[/] " + Markup.Escape(arm == LoopArm.Baseline ? $"measuring without {profile}" : $"measuring with {profile}"));

    public void Measured(BenchmarkRun run)
    {
        if (run.Load?.BusyReason is { } busy)
        {
            PlainLine.Write(console, "[yellow]busy host:[/] " + Markup.Escape(busy));
        }
    }

    public void Applied(ApplyReport report, bool first)
    {
        if (first || report.RolledBack)
        {
            TransactionTextRenderer.Render(report, console);
            return;
        }

        int written = report.Changes.Count(c => c.Outcome == ChangeOutcome.Written);
        PlainLine.Write(console, Markup.Escape($"applied {report.Profile} again ({written.ToString(CultureInfo.InvariantCulture)} knob(s))"));
    }

    public void RolledBack(RollbackReport report)
    {
        int restored = report.Restores.Count(c => c.Outcome == ChangeOutcome.Restored);
        PlainLine.Write(console, Markup.Escape($"rolled back {report.Profile ?? profile} ({restored.ToString(CultureInfo.InvariantCulture)} knob(s) restored)"));
        foreach (var failed in report.Restores.Where(c => c.Outcome is ChangeOutcome.NotRestored or ChangeOutcome.LeftInPlace))
        {
            PlainLine.Write(console, "[yellow]" + Markup.Escape($"  {failed.Id}: {failed.Note}") + "[/]");
        }
    }
}
