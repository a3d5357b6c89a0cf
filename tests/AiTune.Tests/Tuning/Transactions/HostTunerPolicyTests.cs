using AiTune.Interop;
using AiTune.Tuning.Journal;
using AiTune.Tuning.Planning;
using AiTune.Tuning.Transactions;

namespace AiTune.Tests.Tuning.Transactions;

/// <summary>The transaction policy: by default a failed knob rolls the whole apply back; --keep-going keeps what
/// worked and commits a partial apply; rollback restores newest first; apply and rollback are idempotent.</summary>
public sealed class HostTunerPolicyTests : IDisposable
{
    private const string Swappiness = "/proc/sys/vm/swappiness";
    private const string DirtyRatio = "/proc/sys/vm/dirty_ratio";
    private const string MaxMapCount = "/proc/sys/vm/max_map_count";

    /// <summary>Three knobs in this order; the fixture holds 60, 20 and 65530.</summary>
    private const string ThreeSysctls = "[sysctl]\n\"vm.swappiness\" = \"<=10\"\n\"vm.dirty_ratio\" = \"<=10\"\n\"vm.max_map_count\" = \">=262144\"\n";

    private readonly ScriptedHost host = new();

    public void Dispose() => host.Dispose();

    private TuningPlan PlanWithFailingDirtyRatio()
    {
        var plan = host.Plan(ThreeSysctls);
        Assert.Equal(["sysctl:vm.swappiness", "sysctl:vm.dirty_ratio", "sysctl:vm.max_map_count"], plan.ToSet.Select(c => c.Id));
        host.Kernel.RefuseValue(DirtyRatio, "10", Posix.EINVAL);
        return plan;
    }

    /// <summary>ApplyCommand maps the outcome rolledBack to exit 2 (ExitCodes.UsageOrInput, with an error: line naming the
    /// failed knob), partial to exit 1 (ExitCodes.Findings), nothingApplicable to exit 2, changed and alreadyHeld to 0;
    /// the mapping lives in the CLI's command action, so these tests pin the outcome it reads.</summary>
    [Fact]
    public void By_default_a_failed_knob_rolls_the_whole_apply_back_exit_2()
    {
        var plan = PlanWithFailingDirtyRatio();

        var report = host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request());

        Assert.Equal(ApplyOutcome.RolledBack, report.Outcome);
        Assert.Equal([ChangeOutcome.Written, ChangeOutcome.Failed], report.Changes.Select(c => c.Outcome));
        Assert.Equal("the kernel refused 10: EINVAL (Invalid argument) writing '10' to " + DirtyRatio, report.Changes[1].Note);
        Assert.Equal(
            [
                new ChangeResult("sysctl:vm.dirty_ratio", DirtyRatio, "20", "20", "20", ChangeOutcome.AlreadyOriginal, null),
                new ChangeResult("sysctl:vm.swappiness", Swappiness, "10", "60", "60", ChangeOutcome.Restored, null),
            ],
            report.Restores);
        // max_map_count, after the failure, is never touched; swappiness is written back.
        Assert.Equal([$"{Swappiness}=10", $"{DirtyRatio}=10", $"{Swappiness}=60"], host.WritesFrom(0));
        Assert.Equal(host.Seeded, host.Kernel.Contents);
        Assert.False(host.HasStandingJournal);
        var archived = ScriptedHost.Archived(Assert.Single(host.History));
        Assert.Equal(TransactionPhase.RolledBack, JournalState.Of(archived).Phase);
        Assert.Equal(
            [JournalRecordKind.Begin, JournalRecordKind.Intent, JournalRecordKind.Written, JournalRecordKind.Intent, JournalRecordKind.Failed,
                JournalRecordKind.RollbackBegin, JournalRecordKind.Restored, JournalRecordKind.Restored, JournalRecordKind.RollbackEnd],
            archived.Select(r => r.Kind));
        Assert.Equal("apply", archived[^1].Outcome);
        Assert.Equal(TransactionPhase.None, host.Phase);
    }

    [Fact]
    public void Keep_going_reports_the_failed_knob_keeps_the_others_and_commits_partial_exit_1()
    {
        var plan = PlanWithFailingDirtyRatio();

        var report = host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request(keepGoing: true));

        Assert.Equal(ApplyOutcome.Partial, report.Outcome);
        Assert.Empty(report.Restores);
        Assert.Equal([ChangeOutcome.Written, ChangeOutcome.Failed, ChangeOutcome.Written], report.Changes.Select(c => c.Outcome));
        Assert.Equal("10", host.Kernel[Swappiness]);
        Assert.Equal("20", host.Kernel[DirtyRatio]);
        Assert.Equal("262144", host.Kernel[MaxMapCount]);
        var records = host.JournalRecords;
        Assert.Equal(JournalRecordKind.Commit, records[^1].Kind);
        Assert.Equal("partial", records[^1].Outcome);
        var state = JournalState.Of(records);
        Assert.Equal(TransactionPhase.Applied, state.Phase);
        Assert.True(state.AnyPartial);
    }

    [Fact]
    public void Rollback_after_keep_going_restores_everything_in_reverse_write_order()
    {
        var plan = PlanWithFailingDirtyRatio();
        host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request(keepGoing: true));
        int applied = host.Kernel.Writes.Count;

        var rollback = host.Tuner().Rollback();

        Assert.Equal(ScriptedHost.ProfileName, rollback.Profile);
        Assert.False(rollback.NothingToDo);
        Assert.Equal(
            [
                new ChangeResult("sysctl:vm.max_map_count", MaxMapCount, "262144", "65530", "65530", ChangeOutcome.Restored, null),
                new ChangeResult("sysctl:vm.dirty_ratio", DirtyRatio, "20", "20", "20", ChangeOutcome.AlreadyOriginal, null),
                new ChangeResult("sysctl:vm.swappiness", Swappiness, "10", "60", "60", ChangeOutcome.Restored, null),
            ],
            rollback.Restores);
        Assert.Equal([$"{MaxMapCount}=65530", $"{Swappiness}=60"], host.WritesFrom(applied));
        Assert.Equal(host.Seeded, host.Kernel.Contents);
        Assert.False(host.HasStandingJournal);
        Assert.Equal(rollback.ArchivedTo, Assert.Single(host.History));
        Assert.Equal("all", ScriptedHost.Archived(rollback.ArchivedTo!)[^1].Outcome);
    }

    [Fact]
    public void A_second_apply_replanned_from_the_tuned_host_writes_nothing_and_a_second_rollback_does_nothing()
    {
        var plan = host.Plan(ThreeSysctls);
        var first = host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request());
        Assert.Equal([ChangeOutcome.Written, ChangeOutcome.Written, ChangeOutcome.Written], first.Changes.Select(c => c.Outcome));
        int writes = host.Kernel.Writes.Count;
        int records = host.JournalRecords.Count;

        var replanned = host.Plan(ThreeSysctls);
        Assert.Equal([PlanAction.Unchanged, PlanAction.Unchanged, PlanAction.Unchanged], replanned.Changes.Select(c => c.Action));
        var second = host.Tuner().Apply(host.Facts, replanned, ScriptedHost.Request());

        Assert.Equal(ApplyOutcome.AlreadyHeld, second.Outcome);
        Assert.Empty(second.Changes);
        Assert.Equal(host.State.JournalPath, second.Journal);
        Assert.Equal(writes, host.Kernel.Writes.Count);
        Assert.Equal(records, host.JournalRecords.Count);
        Assert.Equal(TransactionPhase.Applied, host.Phase);

        var rollback = host.Tuner().Rollback();
        Assert.Equal(3, rollback.Restores.Count(r => r.Outcome == ChangeOutcome.Restored));
        Assert.Equal(host.Seeded, host.Kernel.Contents);
        int afterRollback = host.Kernel.Writes.Count;

        var again = host.Tuner().Rollback();

        Assert.True(again.NothingToDo);
        Assert.Null(again.Profile);
        Assert.Null(again.Recovery);
        Assert.Null(again.ArchivedTo);
        Assert.Empty(again.Restores);
        Assert.Equal(afterRollback, host.Kernel.Writes.Count);
        Assert.Single(host.History);
    }

    [Fact]
    public void A_second_apply_of_the_same_profile_adds_a_transaction_and_rollback_returns_every_knob_to_its_oldest_original()
    {
        var plan = host.Plan("[sysctl]\n\"vm.swappiness\" = \"<=10\"\n");
        host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request());
        // Someone sets swappiness to 30 by hand; the profile, applied again, lowers it again and adds max_map_count.
        host.Kernel.Seed(Swappiness, "30");
        var wider = host.Plan("[sysctl]\n\"vm.swappiness\" = \"<=10\"\n\"vm.max_map_count\" = \">=262144\"\n");
        var second = host.Tuner().Apply(host.Facts, wider, ScriptedHost.Request());
        Assert.Equal(["sysctl:vm.swappiness", "sysctl:vm.max_map_count"], second.Changes.Select(c => c.Id));
        Assert.Equal(2, host.JournalRecords.Count(r => r.Kind == JournalRecordKind.Commit));
        int applied = host.Kernel.Writes.Count;

        var rollback = host.Tuner().Rollback();

        // Newest first: the second apply's max_map_count and swappiness (back to 30), then the first apply's (back to 60).
        Assert.Equal([$"{MaxMapCount}=65530", $"{Swappiness}=30", $"{Swappiness}=60"], host.WritesFrom(applied));
        Assert.Equal("60", host.Kernel[Swappiness]);
        Assert.Equal("65530", host.Kernel[MaxMapCount]);
        Assert.Equal(3, rollback.Restores.Count);
    }

    [Fact]
    public void A_failed_second_apply_rolls_back_only_itself_and_the_first_apply_stands()
    {
        var narrow = host.Plan("[sysctl]\n\"vm.swappiness\" = \"<=10\"\n");
        host.Tuner().Apply(host.Facts, narrow, ScriptedHost.Request());
        var plan = host.Plan(ThreeSysctls);
        Assert.Equal(["sysctl:vm.dirty_ratio", "sysctl:vm.max_map_count"], plan.ToSet.Select(c => c.Id));
        host.Kernel.RefuseValue(DirtyRatio, "10", Posix.EINVAL);
        int applied = host.Kernel.Writes.Count;

        var report = host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request());

        Assert.True(report.RolledBack);
        Assert.Equal([$"{DirtyRatio}=10"], host.WritesFrom(applied));
        Assert.Equal("10", host.Kernel[Swappiness]);
        Assert.Equal(TransactionPhase.Applied, host.Phase);
        Assert.True(host.HasStandingJournal);
        Assert.Empty(host.History);

        var rollback = host.Tuner().Rollback();

        Assert.Equal(["sysctl:vm.swappiness"], rollback.Restores.Select(r => r.Id));
        Assert.Equal(host.Seeded, host.Kernel.Contents);
    }

    [Fact]
    public void Rollback_notes_an_outside_change_it_overwrites()
    {
        var plan = host.Plan("[sysctl]\n\"vm.swappiness\" = \"<=10\"\n");
        host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request());
        host.Kernel.Seed(Swappiness, "5");

        var rollback = host.Tuner().Rollback();

        Assert.Equal(new ChangeResult("sysctl:vm.swappiness", Swappiness, "5", "60", "60", ChangeOutcome.Restored,
            "overwrote an outside change: aitune had written 10, someone set 5 since"), Assert.Single(rollback.Restores));
    }
}
