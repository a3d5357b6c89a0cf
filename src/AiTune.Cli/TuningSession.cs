using System.CommandLine;
using AiTune.Inspection;
using AiTune.Knobs;
using AiTune.Profiles;
using AiTune.Services;
using AiTune.Tuning.Journal;
using AiTune.Tuning.Planning;
using AiTune.Tuning.Transactions;
using AiTune.Tuning.Verification;
using AiTune.Tuning.Writing;
using AiTune.Cli.Commands;

namespace AiTune.Cli;

/// <summary>One tuning command's view of a host: its root, the journal's state directory, and the facts, read after
/// any recovery so that plans start from the host as it really is. The profiles are loaded only by the commands that
/// resolve one (plan, apply, tune): rollback, status and verify work from the journal alone, so a profile file that
/// is broken, edited or gone since the apply changes nothing for them.</summary>
public sealed class TuningSession
{
    private readonly string? rootArgument;
    private readonly string rootDirectory;
    private readonly IReadOnlyList<string> profileFiles;
    private ProfileCatalog? catalog;
    private HostFacts? facts;
    private IReadOnlyList<string> factSysctls = [];

    private TuningSession(string? rootArgument, string rootDirectory, IReadOnlyList<string> profileFiles, StateDirectory state, HostTuner tuner)
    {
        this.rootArgument = rootArgument;
        this.rootDirectory = rootDirectory;
        this.profileFiles = profileFiles;
        State = state;
        Tuner = tuner;
    }

    public StateDirectory State { get; }

    public HostTuner Tuner { get; }

    /// <summary>The audit's guard-rail findings for the plan this session made last (<see cref="GuardRailFindings"/>),
    /// shown with it before anything is written; the plan itself knows nothing of the audit.</summary>
    public IReadOnlyList<Audit.Finding> Warnings { get; private set; } = [];

    /// <summary>"this host", or the tree or snapshot as the user named it (as audit names it).</summary>
    public string Description => rootDirectory == "/" ? "this host" : Facts.Source.Description;

    /// <summary>The facts, read on first use (after recovery, when the command recovers first), with the sysctls of
    /// the profile at hand among them.</summary>
    public HostFacts Facts => facts ??= HostLoader.Load(rootArgument, factSysctls, catalog);

    /// <summary>The built-in profiles, the host's profiles.d and --profile-file, loaded on first use.</summary>
    private ProfileCatalog Catalog => catalog ??= HostLoader.LoadProfiles(rootArgument, profileFiles);

    public static TuningSession Open(ParseResult parse, GlobalOptions options, TuningOptions tuning, bool forWriting)
    {
        var rootArgument = parse.GetValue(options.Root);
        var rootDirectory = Path.GetFullPath(rootArgument ?? "/");
        if (forWriting && !Directory.Exists(rootDirectory))
        {
            throw new AiTuneException($"--root {rootArgument}: {(File.Exists(rootDirectory) ? "a snapshot archive is read-only" : "no such directory")}",
                "apply, rollback and status work on the live host (no --root) or on a host tree directory; plan works on snapshots too");
        }

        if (forWriting && rootDirectory == "/" && !DurableFiles.IsRoot)
        {
            throw new AiTuneException("this command changes kernel settings and needs root",
                "run it with sudo; aitune plan shows what would change without privileges");
        }

        var stateArgument = parse.GetValue(tuning.StateDir);
        var state = stateArgument is not null ? new StateDirectory(stateArgument) : StateDirectory.For(rootDirectory);
        var tuner = new HostTuner(new KernelFiles(rootDirectory), rootDirectory, state, CrashPoint.FromEnvironment());
        return new TuningSession(rootArgument, rootDirectory, parse.GetValue(tuning.ProfileFiles) ?? [], state, tuner);
    }

    public TuningPlan Plan(ParseResult parse, TuningOptions tuning)
    {
        var model = AuditCommand.ModelRequirementFrom(parse.GetValue(tuning.Model), parse.GetValue(tuning.ModelSize));
        var options = new PlanOptions(parse.GetValue(tuning.AllowIrreversible), PlanShare(parse.GetValue(tuning.MaxHugePagesShare)));
        return Plan(parse.GetValue(tuning.Profile)!, model, options);
    }

    public VerifyReport? Verify(ParseResult parse, TuningOptions tuning)
    {
        var journal = State.OpenJournal();
        if (journal is null)
        {
            return null;
        }

        var state = JournalState.Of(journal.Records);
        if (state.Phase is TransactionPhase.ApplyInterrupted or TransactionPhase.RollbackInterrupted)
        {
            throw new AiTuneException($"an {(state.Phase == TransactionPhase.ApplyInterrupted ? "apply" : "rollback")} of {state.Profile} was interrupted; the host may be half tuned",
                "run aitune status (or rollback) as root: it finishes the interrupted transaction");
        }

        if (state.Phase != TransactionPhase.Applied)
        {
            return null;
        }

        var replanned = Replan(state); // before Facts: replanning names the sysctls the facts must read
        return Verifier.Verify(Facts, replanned, state);
    }

    public StatusReport Status(ParseResult parse, TuningOptions tuning)
    {
        RecoveryReport? recovery = null;
        var journal = State.OpenJournal();
        if (journal is not null && (JournalState.Of(journal.Records).Phase is not TransactionPhase.Applied || journal.TornTail is not null))
        {
            recovery = Tuner.Recover();
            journal = State.OpenJournal();
        }

        if (journal is null)
        {
            return new StatusReport(State.Path, TransactionPhase.None, null, null, null, null, false, false, [], [], 0, [], recovery);
        }

        var state = JournalState.Of(journal.Records);
        var replanned = Replan(state); // before Facts: replanning names the sysctls the facts must read
        var report = Verifier.Verify(Facts, replanned, state);
        var begin = state.FirstBegin!;
        return new StatusReport(State.Path, state.Phase, state.Profile, begin.Time, begin.User, begin.Kernel, report.Rebooted, state.AnyPartial,
            state.PendingReboot, state.PersistedFiles, report.Count(KnobStatus.Pass),
            report.Checks.Where(c => c.Status is KnobStatus.Drifted or KnobStatus.NotApplied).ToList(), recovery);
    }

    /// <summary>Recovers an interrupted transaction before the facts are read, so the plan sees the real host.</summary>
    public RecoveryReport? RecoverFirst() => facts is null ? Tuner.Recover() : throw new InvalidOperationException("recover before reading the facts");

    public Func<PersistContext, Tuning.Persistence.PersistencePlan> PersistenceFiles(TuningPlan plan) =>
        context => Tuning.Transactions.PersistenceFiles.Build(plan, context, Facts.Sysctls.BootConfiguration);

    /// <summary>The applied profile planned again against the host as it is now: from the settings the journal
    /// recorded at apply, never from the profile files (which may have changed, broken or gone since).</summary>
    private TuningPlan Replan(JournalState state)
    {
        var begin = state.AppliedBegin ?? state.FirstBegin!;
        var model = begin.ModelBytes is { } bytes ? new Profiles.ModelRequirement(begin.Model ?? "model", bytes) : null;
        // What was applied is judged as applied: the guard rails decided at apply time, not again now.
        var options = new PlanOptions(AllowIrreversible: true, MaxHugePagesShare: 1);
        if (state.AppliedProfile is { } applied)
        {
            ReadSysctls(applied.Settings.Where(s => s.Knob.SysctlKey() is not null).Select(s => s.Knob.Name));
            return Planner.Plan(Facts, applied, model, options);
        }

        // A journal written before aitune recorded the resolved profile: resolve it from the profile files, as then.
        return Plan(state.Profile!, model, options);
    }

    private TuningPlan Plan(string profileName, Profiles.ModelRequirement? model, PlanOptions options)
    {
        var selection = Catalog.Select(profileName);
        ReadSysctls(HostLoader.ProfileSysctls(Catalog));
        var resolved = ProfileResolver.Resolve(selection, Facts, model, options.MaxHugePagesShare);
        var plan = Planner.Plan(Facts, resolved, model, options);
        Warnings = GuardRailFindings.For(Facts, selection, model);
        return plan;
    }

    /// <summary>Names the sysctls the facts must hold; the facts are read once, so only before the first read.</summary>
    private void ReadSysctls(IEnumerable<string> keys)
    {
        if (facts is null)
        {
            factSysctls = keys.ToList();
        }
    }

    private static double PlanShare(int percent) => percent is >= 1 and <= 100
        ? percent / 100.0
        : throw new AiTuneException($"--max-hugepages-share {percent} is not a percentage from 1 to 100", "the default is 80");
}
