using AiTune.Interop;
using AiTune.Tuning.Journal;
using AiTune.Tuning.Transactions;

namespace AiTune.Tests.Tuning.Transactions;

/// <summary>
/// Crash consistency in process: the crash point throws after the Nth durable step (a journal record made
/// durable, a kernel file written), for every N, and a fresh tuner (the next aitune process) recovers. Before the
/// commit record the host must come back exactly as seeded; after it, the profile stands.
/// </summary>
public sealed class HostTunerRecoveryTests : IDisposable
{
    private const string Swappiness = "/proc/sys/vm/swappiness";
    private const string DirtyRatio = "/proc/sys/vm/dirty_ratio";
    private const string MaxMapCount = "/proc/sys/vm/max_map_count";
    private const string ThreeSysctls = "[sysctl]\n\"vm.swappiness\" = \"<=10\"\n\"vm.dirty_ratio\" = \"<=10\"\n\"vm.max_map_count\" = \">=262144\"\n";

    private readonly ScriptedHost host = new();

    public void Dispose() => host.Dispose();

    private Dictionary<string, string> Applied => new(host.Seeded) { [Swappiness] = "10", [DirtyRatio] = "10", [MaxMapCount] = "262144" };

    [Fact]
    public void An_apply_cut_off_before_its_commit_is_undone_by_recovery_and_one_cut_off_after_it_stays_applied()
    {
        var plan = host.Plan(ThreeSysctls);
        int step = 1;
        for (; ; step++)
        {
            Assert.Throws<SimulatedCrashException>(() => host.CrashingTuner(step).Apply(host.Facts, plan, ScriptedHost.Request()));
            if (host.Phase == TransactionPhase.Applied)
            {
                break;
            }

            Assert.Equal(TransactionPhase.ApplyInterrupted, host.Phase);
            var recovery = host.Tuner().Recover();

            Assert.NotNull(recovery);
            Assert.Equal(TransactionPhase.ApplyInterrupted, recovery.Found);
            Assert.Equal(ScriptedHost.ProfileName, recovery.Profile);
            Assert.StartsWith("an apply of test was interrupted", recovery.Message);
            Assert.Equal(host.Seeded, host.Kernel.Contents);
            Assert.False(host.HasStandingJournal);
            Assert.Equal(step, host.History.Count);
        }

        // Begin, then intent + write + written record for each of the three knobs, then the commit record: the
        // crash after step 11 is the first to find the commit durable.
        Assert.Equal(1 + (3 * 3) + 1, step);
        Assert.Null(host.Tuner().Recover());
        Assert.Equal(Applied, host.Kernel.Contents);
        Assert.Equal(TransactionPhase.Applied, host.Phase);
    }

    [Fact]
    public void A_failed_apply_cut_off_while_rolling_itself_back_is_finished_by_recovery()
    {
        var plan = host.Plan(ThreeSysctls);
        host.Kernel.RefuseValue(DirtyRatio, "10", Posix.EINVAL);
        var phases = new List<TransactionPhase>();
        for (int step = 1; ; step++)
        {
            var tuner = host.CrashingTuner(step);
            ApplyReport? report = null;
            try
            {
                report = tuner.Apply(host.Facts, plan, ScriptedHost.Request());
            }
            catch (SimulatedCrashException)
            {
                phases.Add(host.Phase);
                Assert.NotNull(host.Tuner().Recover());
            }

            Assert.Equal(host.Seeded, host.Kernel.Contents);
            Assert.False(host.HasStandingJournal);
            if (report is not null)
            {
                Assert.True(report.RolledBack);
                break;
            }
        }

        // Begin; swappiness intent, write, written; dirty_ratio intent, refused write, failed record; then the rollback
        // of the apply: its begin, restore + record for each of the two intents, its end (the journal is then
        // finished but not yet archived).
        Assert.Equal(
            [.. Enumerable.Repeat(TransactionPhase.ApplyInterrupted, 7), .. Enumerable.Repeat(TransactionPhase.RollbackInterrupted, 5), TransactionPhase.RolledBack],
            phases);
    }

    [Fact]
    public void A_second_apply_cut_off_is_undone_by_recovery_and_the_first_stands()
    {
        var narrow = host.Plan("[sysctl]\n\"vm.swappiness\" = \"<=10\"\n");
        host.Tuner().Apply(host.Facts, narrow, ScriptedHost.Request());
        var wider = host.Plan(ThreeSysctls);
        Assert.Equal(2, wider.ToSet.Count());

        // Begin, then dirty_ratio's intent, write and written record: cut off before max_map_count.
        Assert.Throws<SimulatedCrashException>(() => host.CrashingTuner(4).Apply(host.Facts, wider, ScriptedHost.Request()));
        Assert.Equal("10", host.Kernel[DirtyRatio]);
        var recovery = host.Tuner().Recover();

        Assert.Equal(TransactionPhase.ApplyInterrupted, recovery!.Found);
        Assert.Equal([new ChangeResult("sysctl:vm.dirty_ratio", DirtyRatio, "10", "20", "20", ChangeOutcome.Restored, null)], recovery.Restores);
        Assert.Equal(new Dictionary<string, string>(host.Seeded) { [Swappiness] = "10" }, host.Kernel.Contents);
        Assert.Equal(TransactionPhase.Applied, host.Phase);
        Assert.Empty(host.History);
    }

    [Fact]
    public void A_rollback_cut_off_at_any_step_is_finished_by_recovery()
    {
        var plan = host.Plan(ThreeSysctls);
        host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request());
        for (int step = 1; ; step++)
        {
            RollbackReport? report = null;
            try
            {
                report = host.CrashingTuner(step).Rollback();
            }
            catch (SimulatedCrashException)
            {
                var phase = host.Phase;
                Assert.True(phase is TransactionPhase.RollbackInterrupted or TransactionPhase.RolledBack, $"step {step}: {phase}");
                var recovery = host.Tuner().Recover();
                Assert.NotNull(recovery);
                Assert.Equal(phase, recovery.Found);
            }

            Assert.Equal(host.Seeded, host.Kernel.Contents);
            Assert.False(host.HasStandingJournal);
            if (report is not null)
            {
                Assert.Equal(3, report.Restores.Count);
                break;
            }

            // Apply again (from the restored host) for the next cut.
            plan = host.Plan(ThreeSysctls);
            host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request());
            Assert.Equal(Applied, host.Kernel.Contents);
        }
    }

    [Fact]
    public void Apply_and_rollback_recover_an_interrupted_apply_before_doing_their_own_work()
    {
        var plan = host.Plan(ThreeSysctls);
        Assert.Throws<SimulatedCrashException>(() => host.CrashingTuner(5).Apply(host.Facts, plan, ScriptedHost.Request()));
        Assert.Equal("10", host.Kernel[Swappiness]);

        var rollback = host.Tuner().Rollback();

        Assert.NotNull(rollback.Recovery);
        Assert.Equal(TransactionPhase.ApplyInterrupted, rollback.Recovery.Found);
        Assert.Equal(
            [
                new ChangeResult("sysctl:vm.dirty_ratio", DirtyRatio, "20", "20", "20", ChangeOutcome.AlreadyOriginal, null),
                new ChangeResult("sysctl:vm.swappiness", Swappiness, "10", "60", "60", ChangeOutcome.Restored, null),
            ],
            rollback.Recovery.Restores);
        Assert.True(rollback.NothingToDo);
        Assert.Equal("test", rollback.Profile);
        Assert.Equal(host.Seeded, host.Kernel.Contents);

        // The plan was made before the crash, from the host as it was (the CLI recovers before it reads the facts
        // it plans from, for the same reason).
        Assert.Throws<SimulatedCrashException>(() => host.CrashingTuner(5).Apply(host.Facts, plan, ScriptedHost.Request()));
        var apply = host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request());

        Assert.Equal(TransactionPhase.ApplyInterrupted, apply.Recovery!.Found);
        Assert.Equal(Applied, host.Kernel.Contents);
        Assert.Equal(TransactionPhase.Applied, host.Phase);
    }

    /// <summary>A crash in the middle of an append leaves its line torn. The write-ahead rule makes that safe for
    /// every kind of record: the action a record announces starts only once the record is durable, so a torn record's
    /// action never started. For every step of an apply (with a knob that fails, so that the records of a failed
    /// apply's own rollback are among them) and of a rollback, the last record is torn in half; recovery must leave
    /// the host as before or as applied, and a journal that parses with nothing torn left in it.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_torn_last_record_of_any_kind_is_a_step_that_never_happened(bool dirtyRatioFails)
    {
        if (dirtyRatioFails)
        {
            host.Kernel.RefuseValue(DirtyRatio, "10", Posix.EINVAL);
        }

        var kinds = new HashSet<JournalRecordKind>();
        kinds.UnionWith(TearEveryAppend(step => host.PlanAndApply(host.CrashingTuner(step), ThreeSysctls)));
        if (!dirtyRatioFails)
        {
            kinds.UnionWith(TearEveryAppend(step =>
            {
                host.PlanAndApply(host.Tuner(), ThreeSysctls);
                host.CrashingTuner(step).Rollback();
            }));
        }

        Assert.Equal(
            dirtyRatioFails
                ? [JournalRecordKind.Begin, JournalRecordKind.Intent, JournalRecordKind.Written, JournalRecordKind.Failed,
                    JournalRecordKind.RollbackBegin, JournalRecordKind.Restored, JournalRecordKind.RollbackEnd]
                : [JournalRecordKind.Begin, JournalRecordKind.Intent, JournalRecordKind.Written, JournalRecordKind.Commit,
                    JournalRecordKind.RollbackBegin, JournalRecordKind.Restored, JournalRecordKind.RollbackEnd],
            kinds.Order());
    }

    /// <summary>Runs <paramref name="run"/> with a crash after step 1, 2, … until it finishes; after each crash that
    /// followed an append, tears that record, recovers, and checks the host and the journal. Returns the kinds of
    /// record torn.</summary>
    private HashSet<JournalRecordKind> TearEveryAppend(Action<int> run)
    {
        var torn = new HashSet<JournalRecordKind>();
        int linesBefore = 0;
        for (int step = 1; ; step++)
        {
            try
            {
                run(step);
                ResetToSeeded();
                return torn;
            }
            catch (SimulatedCrashException)
            {
            }

            // The runs are alike up to the crash, so more lines than at the previous step's crash means this step
            // was an append (the others write the kernel, whose record is already durable and cannot be torn).
            var lines = host.HasStandingJournal ? File.ReadAllLines(host.State.JournalPath) : [];
            bool appended = lines.Length > linesBefore;
            linesBefore = lines.Length;
            if (appended)
            {
                torn.Add(JournalFile.Open(host.State.JournalPath)!.Records[^1].Kind);
                var bytes = File.ReadAllBytes(host.State.JournalPath);
                int lastLine = Array.LastIndexOf(bytes, (byte)'\n', bytes.Length - 2) + 1;
                File.WriteAllBytes(host.State.JournalPath, bytes[..(lastLine + ((bytes.Length - lastLine) / 2))]);
            }

            host.Tuner().Recover();

            if (host.HasStandingJournal)
            {
                // Only a torn rollback begin leaves the profile standing: that rollback never started.
                var journal = JournalFile.Open(host.State.JournalPath)!;
                Assert.Null(journal.TornTail);
                Assert.Equal(TransactionPhase.Applied, JournalState.Of(journal.Records).Phase);
                Assert.Equal(Applied, host.Kernel.Contents);
            }
            else
            {
                Assert.Equal(host.Seeded, host.Kernel.Contents);
            }

            Assert.All(host.History, archived => Assert.Null(JournalFile.Open(archived)!.TornTail));
            ResetToSeeded();
        }
    }

    /// <summary>Rolls back whatever stands, so that the next crash starts from the host as seeded.</summary>
    private void ResetToSeeded()
    {
        host.Tuner().Rollback();
        Assert.Equal(host.Seeded, host.Kernel.Contents);
        Assert.False(host.HasStandingJournal);
    }
}
