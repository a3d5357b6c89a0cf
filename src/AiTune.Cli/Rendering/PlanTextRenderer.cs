using AiTune.Services.Transactions;
using AiTune.Tuning.Planning;
using AiTune.Units;
using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>The plan for people: one row per knob and subject (action, current, target, why), then the
/// conflicts and warnings, then the counts.</summary>
public static class PlanTextRenderer
{
    public static void Render(ProfilePlan planned, IAnsiConsole console)
    {
        var (plan, host) = (planned.Plan, planned.Host);
        PlainLine.Write(console, $"[bold]aitune plan[/] for [bold]{Markup.Escape(plan.Profile)}[/] on {Markup.Escape(host)}");
        if (plan.Model is { } model)
        {
            PlainLine.Write(console, Markup.Escape($"model {model}: {ByteSize.Format(plan.ModelBytes ?? 0)} of tensors"));
        }

        var table = new ValueTable()
            .Column("action", ValueColumnRole.Heading)
            .Column("knob", ValueColumnRole.Heading)
            .Column("current", ValueColumnRole.Detail)
            .Column("target", ValueColumnRole.Detail)
            .Column("why", ValueColumnRole.Prose);
        foreach (var change in plan.Changes.OrderBy(c => Order(c.Action)))
        {
            table.Row(
                Label(change.Action),
                Markup.Escape(change.Id),
                Markup.Escape(change.Current ?? "-"),
                Markup.Escape(change.Action is PlanAction.Set or PlanAction.PendingReboot ? string.Join(" | ", change.Candidates) : change.Expected),
                Markup.Escape(change.Reason + (change.Conflicts.Count > 0 ? " ⚠ " + string.Join("; ", change.Conflicts) : "")));
        }

        table.Write(console);
        foreach (var conflict in plan.ProfileConflicts)
        {
            PlainLine.Write(console, $"[yellow]profile conflict:[/] {Markup.Escape(conflict)}");
        }

        TransactionTextRenderer.RenderWarnings(planned.Warnings, console);
        PlainLine.Write(console, Markup.Escape(
            $"{plan.Count(PlanAction.Set)} to set, {plan.Count(PlanAction.Unchanged)} unchanged, {plan.Count(PlanAction.Skip)} skipped, " +
            $"{plan.Count(PlanAction.PendingReboot)} pending reboot, {plan.Count(PlanAction.Refused)} refused"));
        if (plan.Count(PlanAction.Refused) > 0)
        {
            PlainLine.Write(console, "[red]apply will refuse this plan[/] until the refused knobs are resolved");
        }
    }

    internal static string Label(PlanAction action) => action switch
    {
        PlanAction.Set => "[bold blue]set[/]",
        PlanAction.Unchanged => "[green]ok[/]",
        PlanAction.PendingReboot => "[yellow]reboot[/]",
        PlanAction.Refused => "[red]refused[/]",
        _ => "[grey]skip[/]",
    };

    private static int Order(PlanAction action) => action switch
    {
        PlanAction.Refused => 0,
        PlanAction.Set => 1,
        PlanAction.PendingReboot => 2,
        PlanAction.Unchanged => 3,
        _ => 4,
    };
}
