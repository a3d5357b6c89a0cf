using AiTune.Services.ClosedLoop;
using AiTune.Tuning.Transactions;

namespace AiTune.Tests.Services.ClosedLoop;

/// <summary>A host the loop switches in memory: it records which side it is on and every apply and rollback, and can
/// fail the apply of a given number (1 = the first).</summary>
internal sealed class ScriptedSwitch(int failApply = 0) : IProfileSwitch
{
    public string Profile => "scripted";

    public LoopArm Arm { get; private set; } = LoopArm.Baseline;

    public List<string> Calls { get; } = [];

    public bool Persisted { get; private set; }

    public ApplyReport Apply(bool persist)
    {
        Calls.Add(persist ? "apply+persist" : "apply");
        int number = Calls.Count(c => c.StartsWith("apply", StringComparison.Ordinal));
        if (number == failApply)
        {
            var failed = new ChangeResult("sysctl:vm.swappiness", "/proc/sys/vm/swappiness", "60", "10", "60", ChangeOutcome.Failed, "the kernel refused 10");
            return new ApplyReport(Profile, ApplyOutcome.RolledBack, [failed], [], [], [], [], null, null);
        }

        Arm = LoopArm.Candidate;
        Persisted |= persist;
        var written = new ChangeResult("sysctl:vm.swappiness", "/proc/sys/vm/swappiness", "60", "10", "10", ChangeOutcome.Written, null);
        return new ApplyReport(Profile, ApplyOutcome.Changed, [written], [], [], [], [], null, "/var/lib/aitune/journal");
    }

    public RollbackReport Rollback()
    {
        Calls.Add("rollback");
        Arm = LoopArm.Baseline;
        var restored = new ChangeResult("sysctl:vm.swappiness", "/proc/sys/vm/swappiness", "10", "60", "60", ChangeOutcome.Restored, null);
        return new RollbackReport(Profile, false, [restored], null, null);
    }
}
