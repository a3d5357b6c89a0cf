using AiTune.Tuning.Journal;
using AiTune.Tuning.Verification;
using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>Verify and status for people: every knob's verdict on the terminal (never only in a log), with
/// who changed a drifted value and what the next boot will do.</summary>
public static class VerifyTextRenderer
{
    /// <summary>The status labels' width ("DRIFTED") and where a knob's details start (under its id).</summary>
    private const int LabelWidth = 7;
    private const int DetailIndent = 2 + LabelWidth + 1;

    public static void Render(VerifyReport report, IAnsiConsole console)
    {
        PlainLine.Write(console, $"[bold]aitune verify[/] of {Markup.Escape(report.Profile)}, applied {report.AppliedAt:u} by {Markup.Escape(report.AppliedBy)}"
            + (report.Rebooted ? " [yellow](the host rebooted since)[/]" : ""));
        foreach (var check in report.Checks.OrderBy(c => c.Status == KnobStatus.Skipped))
        {
            var label = check.Status switch
            {
                KnobStatus.Pass => "[green]pass[/]",
                KnobStatus.Drifted => "[red]DRIFTED[/]",
                KnobStatus.NotApplied => "[red]MISSING[/]",
                KnobStatus.PendingReboot => "[yellow]reboot[/]",
                _ => "[grey]skip[/]",
            };
            var values = check.Status == KnobStatus.Skipped ? "" : $"  {check.Current ?? "?"} (wants {check.Expected}{(check.Applied is { } a ? $", aitune wrote {a}" : "")})";
            new FieldBlock(2, LabelWidth).Add(label, Markup.Escape(check.Id) + Markup.Escape(values)).Write(console);
            if (check.Detail is { } detail && check.Status != KnobStatus.Pass)
            {
                Indented.Write(console, DetailIndent, $"[grey]{Markup.Escape(detail)}[/]");
            }

            if (check.AtBoot is { } atBoot && check.Status != KnobStatus.Skipped)
            {
                Indented.Write(console, DetailIndent, $"[grey]at boot: {Markup.Escape(atBoot)}[/]");
            }
        }

        PlainLine.Write(console, Markup.Escape($"{report.Count(KnobStatus.Pass)} pass, {report.Count(KnobStatus.Drifted)} drifted, {report.Count(KnobStatus.NotApplied)} not applied, " +
            $"{report.Count(KnobStatus.PendingReboot)} pending reboot, {report.Count(KnobStatus.Skipped)} skipped"));
        PlainLine.Write(console, report.Drift ? "[red]verdict: drift[/] (exit 1)" : "[green]verdict: the host holds the applied profile[/]");
    }

    public static void Render(StatusReport status, IAnsiConsole console)
    {
        if (status.Recovery is { } recovery)
        {
            PlainLine.Write(console, $"[yellow]recovered:[/] {Markup.Escape(recovery.Message)}");
        }

        if (status.Phase == TransactionPhase.None || status.Profile is null)
        {
            PlainLine.Write(console, $"no profile applied (state {Markup.Escape(status.StateDirectory)})");
            return;
        }

        PlainLine.Write(console, $"profile [bold]{Markup.Escape(status.Profile)}[/] applied {status.AppliedAt:u} by {Markup.Escape(status.AppliedBy ?? "?")} on kernel {Markup.Escape(status.Kernel ?? "?")}"
            + (status.Partial ? " [yellow](partial: --keep-going)[/]" : ""));
        if (status.Rebooted)
        {
            PlainLine.Write(console, "[yellow]the host rebooted since apply[/]: values that were not persisted are back to their boot values");
        }

        PlainLine.Write(console, Markup.Escape($"{status.Passing} knob(s) hold, {status.Drifted.Count} drifted"));
        // One block per kind of line, so each lines up under its own label.
        var drifted = new FieldBlock(2);
        foreach (var check in status.Drifted)
        {
            drifted.Add("[red]drifted[/]", $"{Markup.Escape(check.Id)}: {Markup.Escape(check.Current ?? "?")} (wants {Markup.Escape(check.Expected)}) [grey]{Markup.Escape(check.Detail ?? "")}[/]");
        }

        var pending = new FieldBlock(2);
        foreach (var parameter in status.PendingReboot)
        {
            pending.Add("[yellow]pending reboot[/]", Markup.Escape(parameter));
        }

        var persisted = new FieldBlock(2);
        foreach (var file in status.PersistedFiles)
        {
            persisted.Add("persisted in", Markup.Escape(file));
        }

        drifted.Write(console);
        pending.Write(console);
        persisted.Write(console);
    }
}
