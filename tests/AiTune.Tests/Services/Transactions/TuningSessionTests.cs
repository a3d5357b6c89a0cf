using AiTune.Services;
using AiTune.Services.Transactions;
using AiTune.Tests.Support;
using AiTune.Tests.Tuning.Transactions;
using AiTune.Tuning.Journal;
using AiTune.Tuning.Planning;
using AiTune.Tuning.Transactions;
using AiTune.Tuning.Verification;

namespace AiTune.Tests.Services.Transactions;

/// <summary>The tuning transaction through the engine's service, on a copy of a captured host tree (whose kernel files
/// are plain files): what `plan`, `apply`, `verify`, `status` and `rollback` call, without the command line.</summary>
public sealed class TuningSessionTests : IDisposable
{
    private const string Profile = "inference-throughput";

    private readonly HostTreeCopy host = new();

    public void Dispose() => host.Dispose();

    private TuningTarget Target => new(host.Tree, host.State, []);

    private static PlanRequest Request(string profile = Profile, ModelSpecification? model = null) =>
        new(profile, model ?? ModelSpecification.None, AllowIrreversible: false, MaxHugePagesSharePercent: 80);

    private static ApplySettings Settings(bool persist = false) => new("tester", 0, KeepGoing: false, persist);

    private TuningSession Open(bool forWriting = true) => TuningSession.Open(Target, "0.0-test", forWriting);

    [Fact]
    public void A_plan_names_each_knob_with_its_current_value_and_target_and_changes_nothing()
    {
        var before = host.Fingerprint();

        var planned = Open(forWriting: false).Plan(Request());

        Assert.Equal(Profile, planned.Plan.Profile);
        var swappiness = Assert.Single(planned.Plan.Changes, c => c.Id == "sysctl:vm.swappiness");
        Assert.Equal((PlanAction.Set, "60", "10"), (swappiness.Action, swappiness.Current, swappiness.Target));
        var scheduler = Assert.Single(planned.Plan.Changes, c => c.Id == "block.nvme:scheduler@nvme0n1");
        Assert.Equal((PlanAction.Unchanged, "none"), (scheduler.Action, scheduler.Current));
        Assert.Equal(16, planned.Plan.Changes.Count(c => c.Knob.Id == "cpu:governor" && c.Action == PlanAction.Set));
        Assert.Empty(planned.Warnings);
        Assert.Equal("host tree " + host.Tree, planned.Host);
        Assert.Equal(before, host.Fingerprint());
    }

    [Fact]
    public void A_plan_for_a_model_that_does_not_fit_carries_the_guard_rail_warning()
    {
        var target = new TuningTarget(FixturePaths.Host("kvm-hardened"), null, []);

        var planned = TuningSession.Open(target, "0.0-test", forWriting: false).Plan(Request(model: new ModelSpecification(null, "40GiB")));

        var warning = Assert.Single(planned.Warnings);
        Assert.Equal("MEM014", warning.Id);
        Assert.Equal(42949672960, planned.Plan.ModelBytes);
        Assert.Equal("--model-size 40GiB", planned.Plan.Model);
    }

    [Fact]
    public void Apply_verify_drift_status_and_rollback_leave_the_tree_as_it_was()
    {
        var before = host.Fingerprint();
        var session = Open();
        var planned = session.PlanAfterRecovery(Request());

        var applied = session.Apply(planned, Settings(persist: true));

        Assert.Null(session.Recovered);
        Assert.Equal(ApplyOutcome.Changed, applied.Outcome);
        Assert.Contains(applied.Changes, c => c.Id == "sysctl:vm.swappiness" && c.Outcome == ChangeOutcome.Written);
        Assert.Equal("10", File.ReadAllText(host.File("/proc/sys/vm/swappiness")).Trim());
        var dropIn = Assert.Single(Directory.GetFiles(host.File("/etc/sysctl.d"), "*-aitune.conf"));
        Assert.Contains("vm.swappiness = 10", File.ReadAllText(dropIn));

        var verified = Open(forWriting: false).Verify();
        Assert.Equal(Profile, verified.Profile);
        Assert.Equal("tester", verified.AppliedBy);
        Assert.False(verified.Drift);
        Assert.Equal(0, verified.Count(KnobStatus.NotApplied));
        Assert.Contains(verified.Checks, c => c.Id == "sysctl:vm.swappiness" && c.Status == KnobStatus.Pass && c.Current == "10");

        File.WriteAllText(host.File("/proc/sys/vm/swappiness"), "33\n");
        var drifted = Open(forWriting: false).Verify();
        Assert.True(drifted.Drift);
        var check = Assert.Single(drifted.Checks, c => c.Status == KnobStatus.Drifted);
        Assert.Equal("sysctl:vm.swappiness", check.Id);

        var status = Open(forWriting: false).Status();
        Assert.Equal(TransactionPhase.Applied, status.Phase);
        Assert.Equal(Profile, status.Profile);
        Assert.Equal("tester", status.AppliedBy);
        Assert.Equal(["sysctl:vm.swappiness"], status.Drifted.Select(c => c.Id));
        Assert.Equal(verified.Count(KnobStatus.Pass) - 1, status.Passing);
        Assert.Equal([dropIn[host.Tree.Length..]], status.PersistedFiles.Where(f => f.Contains("sysctl.d", StringComparison.Ordinal)));
        Assert.Null(status.Recovery);

        File.WriteAllText(host.File("/proc/sys/vm/swappiness"), "10\n");
        var rollback = Open().Rollback();
        Assert.Equal(Profile, rollback.Profile);
        Assert.False(rollback.NothingToDo);
        var restored = Assert.Single(rollback.Restores, r => r.Id == "sysctl:vm.swappiness");
        Assert.Equal(("10", "60"), (restored.Before, restored.After));
        Assert.Equal(before, host.Fingerprint());
        Assert.True(Open().Rollback().NothingToDo);
        Assert.Equal(TransactionPhase.None, Open(forWriting: false).Status().Phase);
    }

    [Fact]
    public void A_second_apply_of_the_same_profile_writes_nothing()
    {
        var first = Open();
        first.Apply(first.PlanAfterRecovery(Request()), Settings(persist: true));
        var applied = host.Fingerprint();

        var second = Open();
        var report = second.Apply(second.PlanAfterRecovery(Request()), Settings(persist: true));

        Assert.Equal(ApplyOutcome.AlreadyHeld, report.Outcome);
        Assert.Equal(applied, host.Fingerprint());
    }

    [Fact]
    public void Verify_without_an_applied_profile_says_so_with_the_way_forward()
    {
        var error = Assert.Throws<AiTuneException>(() => Open(forWriting: false).Verify());

        Assert.Equal($"no profile is applied on this host (no journal in {host.State})", error.Message);
        Assert.Equal("aitune apply --profile P first; aitune audit judges a host against a profile without applying it", error.Hint);
    }

    [Fact]
    public void A_session_that_writes_refuses_a_snapshot_archive_and_a_missing_directory()
    {
        var archive = Path.Join(host.Directory, "host.tar.gz");
        File.WriteAllBytes(archive, [0x1f, 0x8b]);
        var missing = Path.Join(host.Directory, "nowhere");

        var readOnly = Assert.Throws<AiTuneException>(() => TuningSession.Open(new TuningTarget(archive, null, []), "0.0-test", forWriting: true));
        var absent = Assert.Throws<AiTuneException>(() => TuningSession.Open(new TuningTarget(missing, null, []), "0.0-test", forWriting: true));

        Assert.Equal($"--root {archive}: a snapshot archive is read-only", readOnly.Message);
        Assert.Equal($"--root {missing}: no such directory", absent.Message);
        Assert.Equal("apply, rollback and status work on the live host (no --root) or on a host tree directory; plan works on snapshots too", absent.Hint);
        if (!AiTune.Tuning.Writing.DurableFiles.IsRoot)
        {
            var live = Assert.Throws<AiTuneException>(() => TuningSession.Open(new TuningTarget(null, host.State, []), "0.0-test", forWriting: true));
            Assert.Equal("this command changes kernel settings and needs root", live.Message);
            Assert.Equal("run it with sudo; aitune plan shows what would change without privileges", live.Hint);
        }
    }

    [Fact]
    public void A_huge_page_share_outside_1_to_100_percent_is_refused()
    {
        var error = Assert.Throws<AiTuneException>(() => Open(forWriting: false).Plan(Request() with { MaxHugePagesSharePercent = 0 }));

        Assert.Equal("--max-hugepages-share 0 is not a percentage from 1 to 100", error.Message);
    }

    /// <summary>The crash hook at every durable step of an apply with persistence, in process (the step throws where
    /// AITUNE_TEST_KILL_AT_STEP would SIGKILL); the next status through the service finishes the transaction: the tree
    /// is exactly as before, or, once the commit record is durable, fully applied.</summary>
    [Fact]
    public void An_apply_cut_off_at_any_step_is_finished_by_status_and_the_tree_is_as_before_or_fully_applied()
    {
        var before = host.Fingerprint();
        int step = 1;
        for (; step < 200; step++)
        {
            var crashing = TuningSession.Open(Target, "0.0-test", forWriting: true,
                new CrashPoint(step, () => throw new SimulatedCrashException($"crashed after durable step {step}")));
            var planned = crashing.PlanAfterRecovery(Request());
            Assert.Throws<SimulatedCrashException>(() => crashing.Apply(planned, Settings(persist: true)));

            var status = Open(forWriting: false).Status();
            if (status.Phase == TransactionPhase.Applied)
            {
                Assert.Empty(status.Drifted);
                break;
            }

            Assert.NotNull(status.Recovery);
            Assert.Equal(TransactionPhase.ApplyInterrupted, status.Recovery.Found);
            Assert.Equal(TransactionPhase.None, status.Phase);
            Assert.Equal(before, host.Fingerprint());
        }

        Assert.True(step > 10, $"the apply finished after only {step} steps");
        Assert.Equal("10", File.ReadAllText(host.File("/proc/sys/vm/swappiness")).Trim());
    }

    /// <summary>apply finishes an interrupted transaction before it plans, and says so in its report.</summary>
    [Fact]
    public void An_apply_after_an_interrupted_one_reports_the_recovery_it_made_first()
    {
        var crashing = TuningSession.Open(Target, "0.0-test", forWriting: true, new CrashPoint(3, () => throw new SimulatedCrashException("crashed")));
        var interrupted = crashing.PlanAfterRecovery(Request());
        Assert.Throws<SimulatedCrashException>(() => crashing.Apply(interrupted, Settings()));

        var session = Open();
        var planned = session.PlanAfterRecovery(Request());
        var report = session.Apply(planned, Settings());

        Assert.NotNull(session.Recovered);
        Assert.Equal(TransactionPhase.ApplyInterrupted, session.Recovered.Found);
        Assert.Same(session.Recovered, report.Recovery);
        Assert.Equal(ApplyOutcome.Changed, report.Outcome);
        Assert.Contains(planned.Plan.Changes, c => c.Id == "sysctl:vm.swappiness" && c.Current == "60");
    }
}
