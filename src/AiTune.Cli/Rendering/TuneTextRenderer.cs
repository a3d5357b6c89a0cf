using AiTune.Services.ClosedLoop;
using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>The end of a closed loop for people: the compare of all runs without against all runs with the profile,
/// the final rollback or apply, and the decision with its reason.</summary>
public static class TuneTextRenderer
{
    public static void Render(ClosedLoopOutcome outcome, IAnsiConsole console)
    {
        if (outcome.Comparison is { } comparison)
        {
            CompareTextRenderer.Render(comparison, console);
        }

        if (outcome.FinalRollback is { } rollback)
        {
            TransactionTextRenderer.Render(rollback, console);
        }

        if (outcome.FinalApply is { } apply)
        {
            TransactionTextRenderer.Render(apply, console);
        }

        string profile = Markup.Escape(outcome.Profile);
        string slower = Markup.Escape(string.Join(", ", outcome.Slower));
        string undecided = Markup.Escape($"no metric could show a change with {outcome.BaselineRuns.Count} run(s) against {outcome.CandidateRuns.Count} (at least {outcome.RunsPerSideNeeded} a side are needed), so there is no evidence either way");
        PlainLine.Write(console, outcome switch
        {
            // Why it stopped goes to stderr with the hint; said once.
            { Stop: not LoopStop.Completed } => $"[red]stopped before a decision:[/] {profile} is not applied, the host is as it was",
            { Decision: TuneDecision.Kept } => $"[green]kept {profile}[/]: {outcome.DecisiveMetrics} metric(s) could show a change and none got significantly slower",
            { Decision: TuneDecision.KeptDespiteRegression, Slower.Count: > 0 } => $"[yellow]kept {profile} (--keep)[/] although these got slower: {slower}",
            { Decision: TuneDecision.KeptDespiteRegression } => $"[yellow]kept {profile} (--keep)[/] although {undecided}",
            { Slower.Count: > 0 } => $"[red]rolled back {profile}[/]: these got slower: {slower}",
            _ when outcome.Comparison?.Result is null => $"[red]rolled back {profile}[/]: no metric was measured both without and with it, so there is no evidence",
            _ => $"[red]rolled back {profile}[/]: {undecided}",
        });
        var stored = outcome.Runs.Where(r => r.Run.Id > 0).ToList();
        string Ids(LoopArm arm) => string.Join(",", stored.Where(r => r.Arm == arm).Select(r => r.Run.Id));
        if (stored.Any(r => r.Arm == LoopArm.Baseline) && stored.Any(r => r.Arm == LoopArm.Candidate))
        {
            PlainLine.Write(console, Markup.Escape($"runs {Ids(LoopArm.Baseline)} (without) and {Ids(LoopArm.Candidate)} (with) are stored; aitune bench compare {Ids(LoopArm.Baseline)} {Ids(LoopArm.Candidate)} shows this again"));
        }
        else if (stored.Count > 0)
        {
            PlainLine.Write(console, Markup.Escape($"stored {(stored.Count == 1 ? "run" : "runs")} {string.Join(",", stored.Select(r => r.Run.Id))}; aitune bench show ID shows one"));
        }
    }
}
