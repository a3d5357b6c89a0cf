using AiTune.Tuning.Journal;
using AiTune.Tuning.Verification;
using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>Verify and status for people: every knob's verdict on the terminal (never only in a log), with
/// who changed a drifted value and what the next boot will do.</summary>
public static class VerifyTextRenderer
{
    public static void Render(VerifyReport report, IAnsiConsole console)
    {
        console.MarkupLine($"[bold]aitune verify[/] of {Markup.Escape(report.Profile)}, applied {report.AppliedAt:u} by {Markup.Escape(report.AppliedBy)}"
            + (report.Rebooted ? " [yellow](the host rebooted since)[/]" : ""));
        foreach (var check in report.Checks.OrderBy(c => c.Status == KnobStatus.Skipped))
        {
            var label = check.Status switch
            {
                KnobStatus.Pass => "[green]pass   [/]",
                KnobStatus.Drifted => "[red]DRIFTED[/]",
                KnobStatus.NotApplied => "[red]MISSING[/]",
                KnobStatus.PendingReboot => "[yellow]reboot [/]",
                _ => "[grey]skip   [/]",
            };
            var values = check.Status == KnobStatus.Skipped ? "" : $"  {check.Current ?? "?"} (wants {check.Expected}{(check.Applied is { } a ? $", aitune wrote {a}" : "")})";
            console.MarkupLine($"  {label} {Markup.Escape(check.Id)}{Markup.Escape(values)}");
            if (check.Detail is { } detail && check.Status != KnobStatus.Pass)
            {
                console.MarkupLine($"          [grey]{Markup.Escape(detail)}[/]");
            }

            if (check.AtBoot is { } atBoot && check.Status != KnobStatus.Skipped)
            {
                console.MarkupLine($"          [grey]at boot: {Markup.Escape(atBoot)}[/]");
            }
        }

        console.MarkupLine(Markup.Escape($"{report.Count(KnobStatus.Pass)} pass, {report.Count(KnobStatus.Drifted)} drifted, {report.Count(KnobStatus.NotApplied)} not applied, " +
            $"{report.Count(KnobStatus.PendingReboot)} pending reboot, {report.Count(KnobStatus.Skipped)} skipped"));
        console.MarkupLine(report.Drift ? "[red]verdict: drift[/] (exit 1)" : "[green]verdict: the host holds the applied profile[/]");
    }

    public static void Render(StatusReport status, IAnsiConsole console)
    {
        if (status.Recovery is { } recovery)
        {
            console.MarkupLine($"[yellow]recovered:[/] {Markup.Escape(recovery.Message)}");
        }

        if (status.Phase == TransactionPhase.None || status.Profile is null)
        {
            console.MarkupLine($"no profile applied (state {Markup.Escape(status.StateDirectory)})");
            return;
        }

        console.MarkupLine($"profile [bold]{Markup.Escape(status.Profile)}[/] applied {status.AppliedAt:u} by {Markup.Escape(status.AppliedBy ?? "?")} on kernel {Markup.Escape(status.Kernel ?? "?")}"
            + (status.Partial ? " [yellow](partial: --keep-going)[/]" : ""));
        if (status.Rebooted)
        {
            console.MarkupLine("[yellow]the host rebooted since apply[/]: values that were not persisted are back to their boot values");
        }

        console.MarkupLine(Markup.Escape($"{status.Passing} knob(s) hold, {status.Drifted.Count} drifted"));
        foreach (var drifted in status.Drifted)
        {
            console.MarkupLine($"  [red]drifted[/] {Markup.Escape(drifted.Id)}: {Markup.Escape(drifted.Current ?? "?")} (wants {Markup.Escape(drifted.Expected)}) [grey]{Markup.Escape(drifted.Detail ?? "")}[/]");
        }

        foreach (var parameter in status.PendingReboot)
        {
            console.MarkupLine($"  [yellow]pending reboot[/] {Markup.Escape(parameter)}");
        }

        foreach (var file in status.PersistedFiles)
        {
            console.MarkupLine($"  persisted in {Markup.Escape(file)}");
        }
    }
}
