using AiTune.Interop;
using AiTune.Tuning.Journal;
using AiTune.Tuning.Planning;
using AiTune.Tuning.Transactions;

namespace AiTune.Tests.Tuning.Transactions;

/// <summary>Settings the kernel will not take back until reboot: planned only with consent, and reported as not
/// restored, with the reason, when rollback meets the kernel's refusal.</summary>
public sealed class HostTunerIrreversibleTests : IDisposable
{
    private const string Swappiness = "/proc/sys/vm/swappiness";
    private const string KexecLoadDisabled = "/proc/sys/kernel/kexec_load_disabled";
    private const string ModulesDisabled = "/proc/sys/kernel/modules_disabled";

    /// <summary>The fixture holds 0 in both locks.</summary>
    private const string Locks = "[sysctl]\n\"vm.swappiness\" = \"<=10\"\n\"kernel.kexec_load_disabled\" = \"1\"\n\"kernel.modules_disabled\" = \"1\"\n";

    private readonly ScriptedHost host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public void Without_consent_the_planner_skips_the_locks_with_the_reason_and_apply_writes_only_the_rest()
    {
        var plan = host.Plan(Locks);

        var kexec = plan.Changes.Single(c => c.Knob.Name == "kernel.kexec_load_disabled");
        Assert.Equal(PlanAction.Skip, kexec.Action);
        Assert.Equal("kernel.kexec_load_disabled=1 cannot be cleared until reboot (kdump and kexec reboots stop working); "
            + "pass --allow-irreversible to write it (rollback cannot undo it)", kexec.Reason);
        var modules = plan.Changes.Single(c => c.Knob.Name == "kernel.modules_disabled");
        Assert.Equal(PlanAction.Skip, modules.Action);
        Assert.StartsWith("kernel.modules_disabled=1 cannot be cleared: no module loads until reboot (GPU drivers included);", modules.Reason);

        host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request());

        Assert.Equal([$"{Swappiness}=10"], host.WritesFrom(0));
    }

    [Fact]
    public void With_consent_apply_writes_them_and_rollback_reports_them_not_restored_with_the_explanation()
    {
        var plan = host.Plan(Locks, new PlanOptions(AllowIrreversible: true));
        Assert.Equal(3, plan.ToSet.Count());
        // Both are proc_dointvec_minmax with min = max = 1 (kernel/kexec_core.c, kernel/module/main.c): once 1, a 0 is EINVAL.
        host.Kernel.RefuseValue(KexecLoadDisabled, "0", Posix.EINVAL).RefuseValue(ModulesDisabled, "0", Posix.EINVAL);

        var report = host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request());
        Assert.Equal([$"{Swappiness}=10", $"{KexecLoadDisabled}=1", $"{ModulesDisabled}=1"], host.WritesFrom(0));
        Assert.All(report.Changes, c => Assert.Equal(ChangeOutcome.Written, c.Outcome));

        var rollback = host.Tuner().Rollback();

        Assert.Equal(
            [
                new ChangeResult("sysctl:kernel.modules_disabled", ModulesDisabled, "1", "0", "1", ChangeOutcome.NotRestored,
                    "kernel.modules_disabled=1 cannot be cleared: no module loads until reboot (GPU drivers included)"),
                new ChangeResult("sysctl:kernel.kexec_load_disabled", KexecLoadDisabled, "1", "0", "1", ChangeOutcome.NotRestored,
                    "kernel.kexec_load_disabled=1 cannot be cleared until reboot (kdump and kexec reboots stop working)"),
                new ChangeResult("sysctl:vm.swappiness", Swappiness, "10", "60", "60", ChangeOutcome.Restored, null),
            ],
            rollback.Restores);
        Assert.Equal("1", host.Kernel[KexecLoadDisabled]);
        Assert.Equal("1", host.Kernel[ModulesDisabled]);
        Assert.Equal("60", host.Kernel[Swappiness]);
        // What could be undone was: the journal is finished, and history keeps the record of the locks left set.
        Assert.False(host.HasStandingJournal);
        var restored = ScriptedHost.Archived(Assert.Single(host.History)).Where(r => r.Kind == JournalRecordKind.Restored).ToList();
        Assert.Equal(["1", "1", "60"], restored.Select(r => r.Value));
        Assert.Equal([true, true, false], restored.Select(r => r.Error is not null));
    }

    [Fact]
    public void A_refused_restore_of_an_ordinary_knob_names_the_kernel_refusal()
    {
        var plan = host.Plan("[sysctl]\n\"vm.swappiness\" = \"<=10\"\n");
        host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request());
        host.Kernel.RefuseEveryWrite(Swappiness, Posix.EPERM);

        var rollback = host.Tuner().Rollback();

        Assert.Equal(new ChangeResult("sysctl:vm.swappiness", Swappiness, "10", "60", "10", ChangeOutcome.NotRestored,
            "the kernel refused the original value 60: EPERM (Operation not permitted) writing '60' to " + Swappiness), Assert.Single(rollback.Restores));
    }
}
