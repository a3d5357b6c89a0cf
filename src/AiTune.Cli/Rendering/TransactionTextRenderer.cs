using AiTune.Audit;
using AiTune.Tuning.Transactions;
using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>Apply and rollback for people: what was written or restored, each with its before and after.</summary>
public static class TransactionTextRenderer
{
    /// <summary>The audit's memory-safety findings, before anything is written.</summary>
    public static void RenderWarnings(IReadOnlyList<Finding> findings, IAnsiConsole console)
    {
        var warnings = new FieldBlock(0);
        foreach (var finding in findings)
        {
            warnings.Add("[yellow]warning[/]", $"{finding.Id} {Markup.Escape(finding.Title)}: {Markup.Escape(finding.Current)} (expected {Markup.Escape(finding.Expected)})");
        }

        warnings.Write(console);
    }

    public static void Render(ApplyReport report, IAnsiConsole console)
    {
        RenderRecovery(report.Recovery, console);
        var profile = Markup.Escape(report.Profile);
        PlainLine.Write(console, $"[bold]aitune apply[/] {profile}");
        RenderChanges(report.Changes, console);
        foreach (var skipped in report.Skipped)
        {
            PlainLine.Write(console, $"  [grey]skipped [/] {Markup.Escape(skipped.Id)}  [grey]{Markup.Escape(skipped.Reason)}[/]");
        }

        var notes = new FieldBlock(0);
        foreach (var note in report.PersistenceNotes)
        {
            notes.Add("[grey]persist:[/]", Markup.Escape(note));
        }

        notes.Write(console);
        var pending = new FieldBlock(0);
        foreach (var parameter in report.PendingReboot)
        {
            pending.Add("[yellow]pending reboot:[/]", Markup.Escape(parameter));
        }

        pending.Write(console);
        var journal = Markup.Escape(report.Journal ?? "");
        switch (report.Outcome)
        {
            case ApplyOutcome.RolledBack:
                PlainLine.Write(console, "[red]a knob failed: the whole apply was rolled back[/]");
                RenderChanges(report.Restores, console);
                break;
            case ApplyOutcome.Partial:
                PlainLine.Write(console, "[yellow]partial:[/] some knobs failed; --keep-going kept the others (aitune rollback undoes all)");
                break;
            case ApplyOutcome.AlreadyHeld:
                PlainLine.Write(console, $"[green]already held:[/] every knob {profile} sets here already holds its value, so nothing was written"
                    + (report.PendingReboot.Count > 0 ? " (the kernel parameters above wait for the next boot)" : "")
                    + $"; {profile} is recorded as applied (journal {journal}): aitune verify and status watch it for drift");
                break;
            case ApplyOutcome.NothingApplicable:
                PlainLine.Write(console, $"[red]nothing applicable:[/] every knob of {profile} was skipped on this host (the reasons are above); nothing was written or recorded");
                break;
            default:
                PlainLine.Write(console, $"[green]applied[/] {profile}; journal {journal}; undo with aitune rollback");
                break;
        }
    }

    public static void Render(RollbackReport report, IAnsiConsole console)
    {
        RenderRecovery(report.Recovery, console);
        if (report.NothingToDo)
        {
            PlainLine.Write(console, "nothing to roll back: no profile is applied on this host");
            return;
        }

        PlainLine.Write(console, $"[bold]aitune rollback[/] of {Markup.Escape(report.Profile ?? "")}");
        if (report.Restores.Count == 0)
        {
            PlainLine.Write(console, $"nothing to restore: the apply of {Markup.Escape(report.Profile ?? "")} found every knob already holding its value and wrote nothing; "
                + $"journal archived to {Markup.Escape(report.ArchivedTo ?? "")}");
            return;
        }

        RenderChanges(report.Restores, console);
        var failed = report.Restores.Count(r => r.Outcome == ChangeOutcome.NotRestored);
        PlainLine.Write(console, failed == 0
            ? $"[green]restored[/]: the host holds its values from before the apply; journal archived to {Markup.Escape(report.ArchivedTo ?? "")}"
            : $"[red]{failed} value(s) could not be restored[/] (see above); journal archived to {Markup.Escape(report.ArchivedTo ?? "")}");
    }

    private static void RenderRecovery(RecoveryReport? recovery, IAnsiConsole console)
    {
        if (recovery is null)
        {
            return;
        }

        PlainLine.Write(console, $"[yellow]recovered:[/] {Markup.Escape(recovery.Message)}");
        RenderChanges(recovery.Restores, console);
    }

    /// <summary>One line per knob: the outcome, the knob, before → after, and a note; a long line wraps under the knob,
    /// never back to the margin.</summary>
    private static void RenderChanges(IReadOnlyList<ChangeResult> changes, IAnsiConsole console)
    {
        var rows = changes.Select(change =>
        {
            var (label, colour) = change.Outcome switch
            {
                ChangeOutcome.Written => ("written", "green"),
                ChangeOutcome.Restored => ("restored", "green"),
                ChangeOutcome.AlreadyOriginal => ("as before", "grey"),
                ChangeOutcome.LeftInPlace => ("left", "yellow"),
                ChangeOutcome.NotRestored => ("NOT restored", "red"),
                _ => ("FAILED", "red"),
            };
            var values = change.Outcome is ChangeOutcome.Restored or ChangeOutcome.AlreadyOriginal or ChangeOutcome.NotRestored
                ? $"{change.Before ?? "?"} → {change.Asked ?? change.After ?? "?"}"
                : $"{change.Before ?? "?"} → {change.After ?? "?"}";
            return (Markup: $"[{colour}]{label}[/]",
                Text: $"{Markup.Escape(change.Id)}  {Markup.Escape(values)}{(change.Note is { } note ? "  [grey]" + Markup.Escape(note) + "[/]" : "")}");
        }).ToList();
        var block = new FieldBlock(2, LabelWidth);
        foreach (var row in rows)
        {
            block.Add(row.Markup, row.Text);
        }

        block.Write(console);
    }

    /// <summary>"restored", the usual longest label: "written" and "restored" lines align.</summary>
    private const int LabelWidth = 8;
}
