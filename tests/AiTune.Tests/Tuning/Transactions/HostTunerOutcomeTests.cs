using AiTune.Tuning.Journal;
using AiTune.Tuning.Planning;
using AiTune.Tuning.Transactions;
using AiTune.Tuning.Verification;

namespace AiTune.Tests.Tuning.Transactions;

/// <summary>What apply says it did, and what it records: an apply where everything already holds is recorded as
/// applied (so verify watches it), one where nothing applies records nothing, and the journal keeps the resolved
/// profile that verify judges the host against.</summary>
public sealed class HostTunerOutcomeTests : IDisposable
{
    private const string Swappiness = "/proc/sys/vm/swappiness";

    /// <summary>The fixture holds swappiness 60 and dirty_ratio 20: both already satisfy these.</summary>
    private const string AlreadyHeld = "[sysctl]\n\"vm.swappiness\" = \"<=60\"\n\"vm.dirty_ratio\" = \"20\"\n";

    private readonly ScriptedHost host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public void An_apply_where_everything_already_holds_is_recorded_as_applied_with_its_resolved_profile()
    {
        var plan = host.Plan(AlreadyHeld);

        var report = host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request());

        Assert.Equal(ApplyOutcome.AlreadyHeld, report.Outcome);
        Assert.Empty(report.Changes);
        Assert.Empty(host.Kernel.Writes);
        Assert.Equal(host.State.JournalPath, report.Journal);
        var records = host.JournalRecords;
        Assert.Equal([JournalRecordKind.Begin, JournalRecordKind.Commit], records.Select(r => r.Kind));
        Assert.Equal(
            [
                new JournalSetting { Knob = "sysctl:vm.swappiness", Expected = "<=60", Profile = "test", Source = "test.toml", Why = "set by profile test (test.toml)" },
                new JournalSetting { Knob = "sysctl:vm.dirty_ratio", Expected = "20", Profile = "test", Source = "test.toml", Why = "set by profile test (test.toml)" },
            ],
            records[0].Settings);
        Assert.Equal(new Dictionary<string, string> { ["sysctl:vm.swappiness"] = "60", ["sysctl:vm.dirty_ratio"] = "20" }, records[0].Held);
        Assert.Equal(TransactionPhase.Applied, host.Phase);
    }

    [Fact]
    public void Applying_it_again_as_recorded_adds_nothing_and_applying_it_resolved_otherwise_records_the_new_resolution()
    {
        host.PlanAndApply(host.Tuner(), AlreadyHeld);

        var again = host.PlanAndApply(host.Tuner(), AlreadyHeld);
        Assert.Equal(ApplyOutcome.AlreadyHeld, again.Outcome);
        Assert.Equal(2, host.JournalRecords.Count);

        // The same profile, edited since (still held): verify must judge by what was applied last.
        var edited = host.PlanAndApply(host.Tuner(), "[sysctl]\n\"vm.swappiness\" = \"<=70\"\n");
        Assert.Equal(ApplyOutcome.AlreadyHeld, edited.Outcome);
        Assert.Equal([JournalRecordKind.Begin, JournalRecordKind.Commit, JournalRecordKind.Begin, JournalRecordKind.Commit], host.JournalRecords.Select(r => r.Kind));
        var state = JournalState.Of(host.JournalRecords);
        Assert.Equal("<= 70", Assert.Single(state.AppliedProfile!.Settings).Expectation!.ToString());
        Assert.Equal(host.JournalRecords[0].Time, state.FirstBegin!.Time);
    }

    [Fact]
    public void A_knob_that_held_when_the_profile_was_applied_and_changed_since_is_drift()
    {
        host.PlanAndApply(host.Tuner(), AlreadyHeld);
        Assert.Equal([KnobStatus.Pass, KnobStatus.Pass], Verify().Checks.Select(c => c.Status));

        host.Kernel.Seed(Swappiness, "80");
        var report = Verify();

        var swappiness = report.Checks.Single(c => c.Id == "sysctl:vm.swappiness");
        Assert.Equal(KnobStatus.Drifted, swappiness.Status);
        Assert.Equal("80", swappiness.Current);
        Assert.Null(swappiness.Applied);
        Assert.StartsWith("it held 60 when the profile was applied; ", swappiness.Detail);
        Assert.True(report.Drift);
    }

    [Fact]
    public void Rolling_back_an_apply_that_wrote_nothing_restores_nothing_and_archives_the_journal()
    {
        host.PlanAndApply(host.Tuner(), AlreadyHeld);

        var rollback = host.Tuner().Rollback();

        Assert.False(rollback.NothingToDo);
        Assert.Equal("test", rollback.Profile);
        Assert.Empty(rollback.Restores);
        Assert.Empty(host.Kernel.Writes);
        Assert.False(host.HasStandingJournal);
        Assert.Equal(rollback.ArchivedTo, Assert.Single(host.History));
        Assert.Equal(TransactionPhase.RolledBack, JournalState.Of(ScriptedHost.Archived(rollback.ArchivedTo!)).Phase);
    }

    [Fact]
    public void An_apply_where_nothing_applies_says_why_per_knob_and_records_nothing()
    {
        // xeon-2numa-nvidia has two NUMA nodes and no 32 MiB huge pages.
        var plan = host.Plan("[sysctl]\n\"vm.swappiness\" = { value = \"<=10\", when = { numa_nodes = 1 } }\n[hugepages]\n\"32768kB\" = \">=4\"\n");

        var report = host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request());

        Assert.Equal(ApplyOutcome.NothingApplicable, report.Outcome);
        Assert.Equal(
            [
                new SkippedKnob("sysctl:vm.swappiness", "", "numa_nodes is 2; the setting applies when numa_nodes is 1"),
                new SkippedKnob("hugepages:32768kB", ">= 4", "this CPU and kernel offer no 32768kB huge pages (sizes: 2048kB, 1048576kB)"),
            ],
            report.Skipped);
        Assert.Empty(report.Changes);
        Assert.Null(report.Journal);
        Assert.False(host.HasStandingJournal);
        Assert.Empty(host.Kernel.Writes);
    }

    [Fact]
    public void A_changed_apply_lists_the_knobs_it_skipped()
    {
        var plan = host.Plan("[sysctl]\n\"vm.swappiness\" = \"<=10\"\n\"kernel.numa_balancing\" = { value = \"0\", when = { numa_nodes = 1 } }\n");

        var report = host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request());

        Assert.Equal(ApplyOutcome.Changed, report.Outcome);
        Assert.Equal(["sysctl:vm.swappiness"], report.Changes.Select(c => c.Id));
        Assert.Equal(["sysctl:kernel.numa_balancing"], report.Skipped.Select(s => s.Id));
    }

    private VerifyReport Verify()
    {
        var state = JournalState.Of(host.JournalRecords);
        host.Plan(AlreadyHeld); // re-reads the facts from the kernel as it is now
        return Verifier.Verify(host.Facts, Planner.Plan(host.Facts, state.AppliedProfile!, null, new PlanOptions(true, 1)), state);
    }
}
