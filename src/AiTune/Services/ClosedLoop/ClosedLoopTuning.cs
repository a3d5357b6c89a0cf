using AiTune.Benchmarks;
using AiTune.Services.Benchmarking;
using AiTune.Services.Transactions;
using AiTune.Tuning.Transactions;

namespace AiTune.Services.ClosedLoop;

/// <summary>
/// `tune` on this host: the profile planned after any interrupted transaction is finished, then the closed loop
/// (<see cref="TuningLoop"/>) built for this host (the plan applied and rolled back as journaled transactions, the
/// suites run and stored as `bench` runs them) and run. In two steps, <see cref="Prepare"/> and <see cref="Run"/>, so
/// that the plan and the recovery can be shown, and a plan that changes nothing stopped, before anything is measured.
/// </summary>
public sealed class ClosedLoopTuning
{
    private readonly TuneRequest request;
    private readonly TuningSession session;
    private readonly IReadOnlyList<BenchmarkSuite> suites;
    private readonly SuiteOptions suiteOptions;
    private readonly HostBenchmarking benchmarking;

    private ClosedLoopTuning(TuneRequest request, TuningSession session, IReadOnlyList<BenchmarkSuite> suites, SuiteOptions suiteOptions, ProfilePlan plan, string toolVersion)
    {
        this.request = request;
        this.session = session;
        this.suites = suites;
        this.suiteOptions = suiteOptions;
        Plan = plan;
        benchmarking = new HostBenchmarking(toolVersion);
    }

    /// <summary>The profile's plan on this host as it is before the loop.</summary>
    public ProfilePlan Plan { get; }

    /// <summary>What was finished of an interrupted apply or rollback before planning; null when nothing was.</summary>
    public RecoveryReport? Recovered => session.Recovered;

    /// <summary>The plan sets no knob (every one holds its value or is refused): there is nothing to measure.</summary>
    public bool ChangesNothing => !Plan.Plan.ToSet.Any();

    /// <summary>Checks the request (every option before anything runs), opens the tuning session as root on this host,
    /// finishes any interrupted transaction and plans the profile.</summary>
    public static ClosedLoopTuning Prepare(TuneRequest request, string toolVersion)
    {
        if (request.Target.Root is { } root)
        {
            throw new AiTuneException($"tune measures the host it runs on, so it cannot tune --root {Text.DisplayText.Escape(root)}",
                "run tune on that host itself; aitune plan --root shows what a profile would change in a host tree or snapshot");
        }

        var suites = BenchmarkSuites.Parse(request.Suites);
        // tune's --model is the profile's model, and the one model-load loads.
        var suiteOptions = request.Measurement.ToSuiteOptions() with { ModelPath = request.Plan.Model.FilePath };
        var session = TuningSession.Open(request.Target, toolVersion, forWriting: true);
        var plan = session.PlanAfterRecovery(request.Plan);
        return new ClosedLoopTuning(request, session, suites, suiteOptions, plan, toolVersion);
    }

    /// <summary>Runs the loop: measure without and with the profile in interleaved rounds, compare, keep or roll back.</summary>
    /// <param name="display">Runs each measuring session, showing its progress, or just runs it.</param>
    /// <param name="observer">Told of every step (the command line prints them); null for none.</param>
    /// <param name="cancellation">Stops the loop cleanly: the host is put back as it was, the runs so far are kept.</param>
    public ClosedLoopOutcome Run(Func<SessionWork, BenchmarkRun> display, IClosedLoopObserver? observer, CancellationToken cancellation)
    {
        var measurer = new SuiteMeasurer(suites, suiteOptions, request.Measurement.Settings, () => benchmarking.Environment(session.State), display,
            request.Save ? () => StoredRuns.Open(request.Database) : null);
        var plan = Plan.Plan;
        var host = new HostProfileSwitch(session.Tuner, session.Facts, plan,
            persist => session.Request(plan, new ApplySettings(request.User, request.Uid, KeepGoing: false, persist)));
        return new TuningLoop(host, measurer, request.Settings, observer).Run(cancellation);
    }
}
