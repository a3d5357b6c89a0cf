using AiTune.Benchmarks;
using AiTune.Profiles;
using AiTune.Services.Hosts;
using AiTune.Tuning.Journal;

namespace AiTune.Services.Benchmarking;

/// <summary>
/// Runs suites on this host the way every command that measures does (bench SUITE, bench all, each run of tune): the
/// host's facts and the profile aitune's journal says is applied recorded with the run, then the run stored.
/// </summary>
/// <param name="toolVersion">aitune's version, recorded with every run.</param>
public sealed class HostBenchmarking(string toolVersion)
{
    /// <summary>Measures <see cref="BenchRunRequest.Suites"/> and stores the run when it measured something.</summary>
    /// <param name="display">Runs the session, showing its progress (progress bars on a terminal), or just runs it.</param>
    /// <param name="cancellation">Stops after the current repetition; the run comes back marked partial.</param>
    public BenchRunOutcome Run(BenchRunRequest request, Func<SessionWork, BenchmarkRun> display, CancellationToken cancellation)
    {
        var options = request.Arguments.ToSuiteOptions();
        var environment = Environment(request.State ?? StateDirectory.For("/"));
        var run = display((started, progress) =>
            BenchmarkSession.Run(request.Suites, options, request.Arguments.Settings, environment, request.Arguments.Label, started, progress, cancellation));
        if (!request.Save || !run.Cases.Any(c => c.Metrics.Any(m => m.Samples.Count > 0)))
        {
            return new BenchRunOutcome(run, null);
        }

        using var store = StoredRuns.Open(request.Database);
        return new BenchRunOutcome(run with { Id = store.Save(run) }, store.Path);
    }

    /// <summary>This host as a run records it, with the profile aitune's journal in <paramref name="state"/> says is
    /// applied.</summary>
    public RunEnvironment Environment(StateDirectory state)
    {
        // Only the built-in profiles, not /etc/aitune/profiles.d: a broken user profile must not stop a benchmark.
        var facts = new HostOpening(toolVersion).Facts(null, ProfileCatalog.BuiltIn);
        return RunEnvironment.From(facts, AppliedProfile(state), toolVersion);
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
