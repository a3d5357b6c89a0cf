using AiTune.Benchmarks;
using AiTune.Cli.Rendering;
using AiTune.Tuning.Journal;

namespace AiTune.Cli.Commands.Bench;

/// <summary>Runs suites on this host the way every command that measures does: the host's facts and applied
/// profile recorded with the run, progress bars on a terminal, Ctrl-C through <see cref="InterruptSignal"/>.</summary>
public static class BenchExecution
{
    /// <param name="state">Where aitune's journal says which profile is applied (default: the host's, /var/lib/aitune).</param>
    public static BenchmarkRun Run(IReadOnlyList<BenchmarkSuite> suites, SuiteOptions suiteOptions, RunSettings settings, string? label, bool noColor,
        CancellationToken cancellation, StateDirectory? state = null)
    {
        var environment = Environment(state ?? StateDirectory.For("/"));
        return Display(noColor, (started, progress) => BenchmarkSession.Run(suites, suiteOptions, settings, environment, label, started, progress, cancellation));
    }

    /// <summary>Runs a session under progress bars on a terminal, or plainly.</summary>
    public static BenchmarkRun Display(bool noColor, SessionWork work) =>
        BenchProgressDisplay.Available ? BenchProgressDisplay.Run(noColor, (started, progress) => work(started, progress)) : work(null, null);

    /// <summary>This host as a run records it, with the profile aitune's journal says is applied.</summary>
    public static RunEnvironment Environment(StateDirectory state)
    {
        var facts = HostLoader.Load(null, Profiles.ProfileCatalog.BuiltIn); // not /etc/aitune/profiles.d: a broken user profile must not stop a benchmark
        return RunEnvironment.From(facts, AppliedProfile(state), AiTuneCli.Version);
    }

    private static string? AppliedProfile(StateDirectory state)
    {
        try
        {
            var journal = state.OpenJournal();
            if (journal is null)
            {
                return null;
            }

            var transaction = JournalState.Of(journal.Records);
            return transaction.Phase == TransactionPhase.Applied ? transaction.Profile : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or AiTuneException)
        {
            return null;
        }
    }
}
