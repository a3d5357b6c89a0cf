using AiTune.Files;
using AiTune.Inspection;
using AiTune.Profiles;
using AiTune.Services.Hosts;
using AiTune.Tuning.Journal;
using AiTune.Tuning.Persistence;
using AiTune.Tuning.Planning;
using AiTune.Tuning.Transactions;
using AiTune.Tuning.Verification;
using AiTune.Tuning.Writing;

namespace AiTune.Services.Transactions;

/// <summary>
/// The tuning transaction on one host: plan, apply, verify, status and rollback, with an interrupted apply or rollback
/// finished first, so that plans start from the host as it really is. The facts are read once, on first use, after
/// any recovery. The profiles are loaded only by what resolves one (plan, apply, tune): rollback, status and verify
/// work from the journal alone, so a profile file that is broken, edited or gone since the apply changes nothing for
/// them.
/// </summary>
public sealed class TuningSession
{
    private readonly HostOpening hosts;
    private readonly string toolVersion;
    private readonly string? rootArgument;
    private readonly string rootDirectory;
    private readonly IReadOnlyList<string> profileFiles;
    private ProfileCatalog? catalog;
    private HostFacts? facts;
    private IReadOnlyList<string> factSysctls = [];
    private RecoveryReport? recovered;

    private TuningSession(TuningTarget target, string toolVersion, string rootDirectory, StateDirectory state, HostTuner tuner)
    {
        hosts = new HostOpening(toolVersion);
        this.toolVersion = toolVersion;
        rootArgument = target.Root;
        this.rootDirectory = rootDirectory;
        profileFiles = target.ProfileFiles;
        State = state;
        Tuner = tuner;
    }

    /// <summary>Where the journal lives.</summary>
    public StateDirectory State { get; }

    /// <summary>"this host", or the tree or snapshot as the user named it (as audit names it).</summary>
    public string Description => rootDirectory == "/" ? "this host" : Facts.Source.Description;

    /// <summary>The facts, read on first use (after recovery, when the command recovers first), with the sysctls of
    /// the profile at hand among them.</summary>
    public HostFacts Facts => facts ??= hosts.FactsFor(rootArgument, factSysctls, catalog);

    internal HostTuner Tuner { get; }

    /// <summary>The built-in profiles, the host's profiles.d and the profile files, loaded on first use.</summary>
    private ProfileCatalog Catalog => catalog ??= hosts.Profiles(rootArgument, profileFiles);

    /// <summary>Opens the session. A session that writes (apply, rollback, status, tune) works on the live host, as root,
    /// or on a host tree directory; plan and verify read snapshots too.</summary>
    public static TuningSession Open(TuningTarget target, string toolVersion, bool forWriting) =>
        Open(target, toolVersion, forWriting, CrashPoint.FromEnvironment());

    /// <summary>As <see cref="Open(TuningTarget, string, bool)"/>, with the crash hook a test chooses.</summary>
    internal static TuningSession Open(TuningTarget target, string toolVersion, bool forWriting, CrashPoint crash)
    {
        var rootDirectory = Path.GetFullPath(target.Root ?? "/");
        if (forWriting && !Directory.Exists(rootDirectory))
        {
            throw new AiTuneException($"--root {target.Root}: {(File.Exists(rootDirectory) ? "a snapshot archive is read-only" : "no such directory")}",
                "apply, rollback and status work on the live host (no --root) or on a host tree directory; plan works on snapshots too");
        }

        if (forWriting && rootDirectory == "/" && !DurableFiles.IsRoot)
        {
            throw new AiTuneException("this command changes kernel settings and needs root",
                "run it with sudo; aitune plan shows what would change without privileges");
        }

        var state = target.StateDirectory is not null ? new StateDirectory(target.StateDirectory) : StateDirectory.For(rootDirectory);
        var tuner = new HostTuner(new KernelFiles(rootDirectory), rootDirectory, state, crash);
        return new TuningSession(target, toolVersion, rootDirectory, state, tuner);
    }

    /// <summary>What apply would change, knob by knob, and why; changes nothing (plan works unprivileged and on
    /// snapshots).</summary>
    public ProfilePlan Plan(PlanRequest request)
    {
        var model = request.Model.Requirement();
        var options = new PlanOptions(request.AllowIrreversible, PlanShare(request.MaxHugePagesSharePercent));
        var (plan, warnings) = Plan(request.Profile, model, options);
        return new ProfilePlan(plan, warnings, Description);
    }

    /// <summary>Finishes an interrupted apply or rollback first (<see cref="Recovered"/> says what it did), then plans
    /// on the host as it now is: the first step of apply and tune.</summary>
    public ProfilePlan PlanAfterRecovery(PlanRequest request)
    {
        if (facts is not null)
        {
            throw new InvalidOperationException("recover before reading the facts");
        }

        recovered = Tuner.Recover();
        return Plan(request);
    }

    /// <summary>What <see cref="PlanAfterRecovery"/> finished of an interrupted transaction; null when there was none.</summary>
    public RecoveryReport? Recovered => recovered;

    /// <summary>Applies a plan of this session as a transaction: journal, write, read back; rolled back on failure
    /// unless <see cref="ApplySettings.KeepGoing"/>. The report carries the recovery that preceded the plan.</summary>
    public ApplyReport Apply(ProfilePlan planned, ApplySettings settings)
    {
        var report = Tuner.Apply(Facts, planned.Plan, Request(planned.Plan, settings));
        return report with { Recovery = report.Recovery ?? recovered };
    }

    /// <summary>The live host against the applied profile, knob by knob, and what the next boot will do.</summary>
    public VerifyReport Verify()
    {
        var journal = State.OpenJournal() ?? throw NothingApplied();
        var state = JournalState.Of(journal.Records);
        if (state.Phase is TransactionPhase.ApplyInterrupted or TransactionPhase.RollbackInterrupted)
        {
            throw new AiTuneException($"an {(state.Phase == TransactionPhase.ApplyInterrupted ? "apply" : "rollback")} of {state.Profile} was interrupted; the host may be half tuned",
                "run aitune status (or rollback) as root: it finishes the interrupted transaction");
        }

        if (state.Phase != TransactionPhase.Applied)
        {
            throw NothingApplied();
        }

        var replanned = Replan(state); // before Facts: replanning names the sysctls the facts must read
        return Verifier.Verify(Facts, replanned, state);
    }

    /// <summary>The applied profile: when and by whom, drift, pending reboots; an interrupted apply or rollback, or a
    /// journal with a torn last line, is finished first.</summary>
    public StatusReport Status()
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
            return new StatusReport
            {
                StateDirectory = State.Path,
                Phase = TransactionPhase.None,
                Profile = null,
                AppliedAt = null,
                AppliedBy = null,
                Kernel = null,
                Rebooted = false,
                Partial = false,
                PendingReboot = [],
                PersistedFiles = [],
                Passing = 0,
                Drifted = [],
                Recovery = recovery,
            };
        }

        var state = JournalState.Of(journal.Records);
        var replanned = Replan(state); // before Facts: replanning names the sysctls the facts must read
        var report = Verifier.Verify(Facts, replanned, state);
        var begin = state.FirstBegin!;
        return new StatusReport
        {
            StateDirectory = State.Path,
            Phase = state.Phase,
            Profile = state.Profile,
            AppliedAt = begin.Time,
            AppliedBy = begin.User,
            Kernel = begin.Kernel,
            Rebooted = report.Rebooted,
            Partial = state.AnyPartial,
            PendingReboot = state.PendingReboot,
            PersistedFiles = state.PersistedFiles,
            Passing = report.Count(KnobStatus.Pass),
            Drifted = report.Checks.Where(c => c.Status is KnobStatus.Drifted or KnobStatus.NotApplied).ToList(),
            Recovery = recovery,
        };
    }

    /// <summary>Restores every value the applied profile changed, newest first, and removes the files it persisted;
    /// nothing to do when no profile is applied.</summary>
    public RollbackReport Rollback() => Tuner.Rollback();

    /// <summary>The apply request for <paramref name="plan"/>: with persistence, the boot-time files are built from the
    /// values the host holds after the apply.</summary>
    internal ApplyRequest Request(TuningPlan plan, ApplySettings settings) =>
        new(settings.User, settings.Uid, toolVersion, settings.KeepGoing, settings.Persist ? PersistenceFiles(plan) : null);

    private Func<PersistContext, PersistencePlan> PersistenceFiles(TuningPlan plan) =>
        context => Tuning.Transactions.PersistenceFiles.Build(plan, context, Facts.Sysctls.BootConfiguration);

    private AiTuneException NothingApplied() =>
        new("no profile is applied on this host (no journal in " + State.Path + ")",
            "aitune apply --profile P first; aitune audit judges a host against a profile without applying it");

    /// <summary>The applied profile planned again against the host as it is now: from the settings the journal
    /// recorded at apply, never from the profile files (which may have changed, broken or gone since).</summary>
    private TuningPlan Replan(JournalState state)
    {
        var begin = state.AppliedBegin ?? state.FirstBegin!;
        var model = begin.ModelBytes is { } bytes ? new ModelRequirement(begin.Model ?? "model", bytes) : null;
        // What was applied is judged as applied: the guard rails decided at apply time, not again now.
        var options = new PlanOptions(AllowIrreversible: true, MaxHugePagesShare: 1);
        if (state.AppliedProfile is { } applied)
        {
            ReadSysctls(applied.Settings.Where(s => s.Knob.SysctlKey() is not null).Select(s => s.Knob.Name));
            return Planner.Plan(Facts, applied, model, options);
        }

        // A journal written before aitune recorded the resolved profile: resolve it from the profile files, as then.
        return Plan(state.Profile!, model, options).Plan;
    }

    private (TuningPlan Plan, IReadOnlyList<Audit.Finding> Warnings) Plan(string profileName, ModelRequirement? model, PlanOptions options)
    {
        var selection = Catalog.Select(profileName);
        ReadSysctls(HostOpening.ProfileSysctls(Catalog));
        var resolved = ProfileResolver.Resolve(selection, Facts, model, options.MaxHugePagesShare);
        return (Planner.Plan(Facts, resolved, model, options), GuardRailFindings.For(Facts, selection, model));
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
