using AiTune.Tuning.Journal;

namespace AiTune.Tests.Tuning.Journal;

public sealed class JournalStateTests
{
    private readonly List<JournalRecord> records = [];

    private JournalRecord Add(JournalRecord record)
    {
        var stamped = record with { Seq = records.Count + 1 };
        records.Add(stamped);
        return stamped;
    }

    private JournalRecord Begin() => Add(new JournalRecord { Kind = JournalRecordKind.Begin, Profile = "p" });

    private JournalRecord Intent(string key, string original) => Add(new JournalRecord
    {
        Kind = JournalRecordKind.Intent, Knob = "sysctl:" + key, Subject = "", Path = "/proc/sys/" + key.Replace('.', '/'), Original = original, Target = "1",
    });

    [Fact]
    public void An_empty_journal_is_none()
    {
        Assert.Equal(TransactionPhase.None, JournalState.Of(records).Phase);
    }

    [Fact]
    public void A_begin_without_commit_is_an_interrupted_apply()
    {
        Begin();
        var intent = Intent("vm.swappiness", "60");
        var state = JournalState.Of(records);
        Assert.Equal(TransactionPhase.ApplyInterrupted, state.Phase);
        Assert.Equal([intent.Seq], state.LastApplyIntents.Select(i => i.Seq));
        Assert.Null(state.OutcomeOf(intent));
    }

    [Fact]
    public void A_committed_apply_stands_with_its_intents()
    {
        var begin = Begin();
        var intent = Intent("vm.swappiness", "60");
        Add(new JournalRecord { Kind = JournalRecordKind.Written, Ref = intent.Seq, Value = "10" });
        Add(new JournalRecord { Kind = JournalRecordKind.Commit, Ref = begin.Seq, Outcome = "applied" });
        var state = JournalState.Of(records);
        Assert.Equal(TransactionPhase.Applied, state.Phase);
        Assert.Equal("p", state.Profile);
        Assert.Equal("10", state.OutcomeOf(intent)!.Value);
        Assert.Single(state.StandingIntents);
    }

    [Fact]
    public void A_failed_apply_rolled_back_on_its_own_leaves_the_earlier_one_standing()
    {
        var first = Begin();
        var kept = Intent("vm.swappiness", "60");
        Add(new JournalRecord { Kind = JournalRecordKind.Commit, Ref = first.Seq, Outcome = "applied" });
        Begin();
        var voided = Intent("vm.max_map_count", "65530");
        Add(new JournalRecord { Kind = JournalRecordKind.RollbackBegin, Outcome = "apply" });
        Add(new JournalRecord { Kind = JournalRecordKind.Restored, Ref = voided.Seq });
        Add(new JournalRecord { Kind = JournalRecordKind.RollbackEnd, Outcome = "apply" });
        var state = JournalState.Of(records);
        Assert.Equal(TransactionPhase.Applied, state.Phase);
        Assert.Equal([kept.Seq], state.SurvivingIntents.Select(i => i.Seq));
    }

    [Fact]
    public void A_rollback_without_its_end_is_interrupted_and_names_its_scope()
    {
        var begin = Begin();
        Intent("vm.swappiness", "60");
        Add(new JournalRecord { Kind = JournalRecordKind.Commit, Ref = begin.Seq, Outcome = "applied" });
        Add(new JournalRecord { Kind = JournalRecordKind.RollbackBegin, Outcome = "all" });
        var state = JournalState.Of(records);
        Assert.Equal(TransactionPhase.RollbackInterrupted, state.Phase);
        Assert.Equal("all", state.OpenRollback!.Outcome);
        Add(new JournalRecord { Kind = JournalRecordKind.RollbackEnd, Outcome = "all" });
        Assert.Equal(TransactionPhase.RolledBack, JournalState.Of(records).Phase);
    }

    [Fact]
    public void The_only_apply_rolled_back_leaves_nothing_standing()
    {
        Begin();
        Intent("vm.swappiness", "60");
        Add(new JournalRecord { Kind = JournalRecordKind.RollbackBegin, Outcome = "apply" });
        Add(new JournalRecord { Kind = JournalRecordKind.RollbackEnd, Outcome = "apply" });
        Assert.Equal(TransactionPhase.RolledBack, JournalState.Of(records).Phase);
    }
}
