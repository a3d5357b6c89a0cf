using AiTune.Interop;
using AiTune.Tuning.Journal;
using AiTune.Tuning.Planning;
using AiTune.Tuning.Transactions;
using AiTune.Tuning.Writing;

namespace AiTune.Tests.Tuning.Transactions;

/// <summary>How one knob is written: alternatives tried in order while the kernel refuses the value itself, a value
/// read back that is not what was asked, and the preflight that stops a read-only /proc/sys before the journal.</summary>
public sealed class HostTunerWriteTests : IDisposable
{
    private const string Defrag = "/sys/kernel/mm/transparent_hugepage/defrag";
    private const string Swappiness = "/proc/sys/vm/swappiness";
    private const string MaxMapCount = "/proc/sys/vm/max_map_count";

    /// <summary>The fixture's defrag is "always defer defer+madvise [madvise] never"; the profile prefers
    /// defer+madvise and accepts defer.</summary>
    private const string DefragAlternatives = "[thp]\ndefrag = \"defer+madvise|defer\"\n";

    private readonly ScriptedHost host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public void EINVAL_on_the_first_alternative_writes_the_next_and_the_note_names_the_refused_one()
    {
        var plan = host.Plan(DefragAlternatives);
        Assert.Equal(["defer+madvise", "defer"], plan.ToSet.Single().Candidates);
        host.Kernel.RefuseValue(Defrag, "defer+madvise", Posix.EINVAL);

        var report = host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request());

        var change = Assert.Single(report.Changes);
        Assert.Equal(new ChangeResult("thp:defrag", Defrag, "madvise", "defer", "defer", ChangeOutcome.Written,
            "the kernel refused defer+madvise; took the next alternative"), change);
        Assert.False(report.RolledBack);
        Assert.False(report.Partial);
        Assert.Equal([new KernelWrite(Defrag, "defer+madvise", false), new KernelWrite(Defrag, "defer", true)], host.Kernel.Writes);
        Assert.Equal("always [defer] defer+madvise madvise never", host.Kernel[Defrag]);
        Assert.Equal(TransactionPhase.Applied, host.Phase);
        var written = host.JournalRecords.Single(r => r.Kind == JournalRecordKind.Written);
        Assert.Equal("defer", written.Value);
    }

    [Fact]
    public void A_refusal_that_is_not_EINVAL_does_not_try_the_next_alternative()
    {
        var plan = host.Plan(DefragAlternatives);
        host.Kernel.RefuseEveryWrite(Defrag, Posix.EBUSY);

        var report = host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request());

        var change = Assert.Single(report.Changes);
        Assert.Equal(ChangeOutcome.Failed, change.Outcome);
        Assert.Equal("defer+madvise", change.Asked);
        Assert.Null(change.After);
        Assert.Equal("the kernel refused defer+madvise: EBUSY (Device or resource busy) writing 'defer+madvise' to " + Defrag, change.Note);
        Assert.Equal([new KernelWrite(Defrag, "defer+madvise", false)], host.Kernel.Writes);
        Assert.True(report.RolledBack);
        Assert.Equal([new ChangeResult("thp:defrag", Defrag, "madvise", "madvise", "madvise", ChangeOutcome.AlreadyOriginal, null)], report.Restores);
        Assert.Equal(host.Seeded, host.Kernel.Contents);
    }

    [Fact]
    public void EINVAL_on_every_alternative_fails_with_the_last_refusal()
    {
        var plan = host.Plan(DefragAlternatives);
        host.Kernel.RefuseValue(Defrag, "defer+madvise", Posix.EINVAL).RefuseValue(Defrag, "defer", Posix.EINVAL);

        var report = host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request());

        var change = Assert.Single(report.Changes);
        Assert.Equal(ChangeOutcome.Failed, change.Outcome);
        Assert.Equal("the kernel refused defer: EINVAL (Invalid argument) writing 'defer' to " + Defrag, change.Note);
        Assert.Equal(["defer+madvise", "defer"], host.Kernel.Writes.Select(w => w.Value));
        Assert.True(report.RolledBack);
    }

    [Fact]
    public void A_choice_file_that_offers_none_of_the_alternatives_fails_without_a_write()
    {
        var plan = host.Plan(DefragAlternatives);
        // Between plan and apply the file shows fewer choices (the kernel the plan was made for is not this one).
        host.Kernel.Seed(Defrag, "always [madvise] never");

        var report = host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request());

        Assert.Equal(new ChangeResult("thp:defrag", Defrag, "madvise", "defer+madvise", "madvise", ChangeOutcome.Failed,
            "the kernel offers only always, madvise, never here"), Assert.Single(report.Changes));
        Assert.Empty(host.Kernel.Writes);
        Assert.True(report.RolledBack);
        Assert.Empty(report.Restores);
    }

    [Fact]
    public void A_knob_already_right_when_apply_comes_to_it_is_neither_written_nor_journaled()
    {
        var plan = host.Plan("[sysctl]\n\"vm.swappiness\" = \"<=10\"\n\"vm.max_map_count\" = \">=262144\"\n");
        host.Kernel.Seed(Swappiness, "5");

        var report = host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request());

        Assert.Equal(new ChangeResult("sysctl:vm.swappiness", Swappiness, "5", "10", "5", ChangeOutcome.Written, "already satisfied when apply came to it"), report.Changes[0]);
        Assert.Equal([$"{MaxMapCount}=262144"], host.WritesFrom(0));
        Assert.Equal([MaxMapCount], host.JournalRecords.Where(r => r.Kind == JournalRecordKind.Intent).Select(r => r.Path));

        host.Tuner().Rollback();

        Assert.Equal("5", host.Kernel[Swappiness]);
        Assert.Equal("65530", host.Kernel[MaxMapCount]);
    }

    [Fact]
    public void A_value_the_kernel_takes_but_holds_differently_fails_naming_both()
    {
        var plan = host.Plan("[sysctl]\n\"vm.swappiness\" = \"10\"\n");
        host.Kernel.HoldInstead(Swappiness, "10", "20");

        var report = host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request());

        Assert.Equal(new ChangeResult("sysctl:vm.swappiness", Swappiness, "60", "10", "20", ChangeOutcome.Failed, "asked 10, the kernel holds 20"),
            Assert.Single(report.Changes));
        Assert.True(report.RolledBack);
        Assert.Equal([new ChangeResult("sysctl:vm.swappiness", Swappiness, "20", "60", "60", ChangeOutcome.Restored, null)], report.Restores);
        Assert.Equal("60", host.Kernel[Swappiness]);
        var failed = ScriptedHost.Archived(Assert.Single(host.History)).Single(r => r.Kind == JournalRecordKind.Failed);
        Assert.Equal("20", failed.Value);
        Assert.Equal("asked 10, the kernel holds 20", failed.Error);
    }

    [Fact]
    public void A_read_only_proc_sys_stops_the_apply_before_anything_is_written_or_journaled()
    {
        var plan = host.Plan("[sysctl]\n\"vm.swappiness\" = \"<=10\"\n\"vm.max_map_count\" = \">=262144\"\n");
        host.Kernel.ReportWritability(MaxMapCount, Writability.ReadOnlyFileSystem);

        var error = Assert.Throws<AiTuneException>(() => host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request()));

        Assert.Equal(MaxMapCount + " is on a read-only file system: /proc/sys or /sys is mounted read-only, as in a container; nothing was changed", error.Message);
        Assert.Contains("not in the container", error.Hint);
        Assert.Contains("docker run --sysctl", error.Hint);
        Assert.Empty(host.Kernel.Writes);
        Assert.Equal(host.Seeded, host.Kernel.Contents);
        Assert.False(host.HasStandingJournal);
        Assert.Empty(host.History);
    }

    [Fact]
    public void Without_permission_the_apply_says_it_needs_root_and_writes_nothing()
    {
        var plan = host.Plan("[sysctl]\n\"vm.swappiness\" = \"<=10\"\n");
        host.Kernel.ReportWritability(Swappiness, Writability.PermissionDenied);

        var error = Assert.Throws<AiTuneException>(() => host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request()));

        Assert.Equal($"no permission to write {Swappiness}; nothing was changed", error.Message);
        Assert.Contains("needs root", error.Hint);
        Assert.Empty(host.Kernel.Writes);
        Assert.False(host.HasStandingJournal);
    }

    [Fact]
    public void A_plan_with_a_refused_change_writes_nothing()
    {
        // 400 GiB of 1 GiB pages, with the 32 GiB already reserved, is over 80% of this host's 503 GiB: the
        // planner's guard rail refuses it.
        var plan = host.Plan("[sysctl]\n\"vm.swappiness\" = \"<=10\"\n[hugepages]\n\"1048576kB\" = \">=400\"\n");
        Assert.Equal(PlanAction.Refused, plan.Changes.Single(c => c.Knob.Id == "hugepages:1048576kB").Action);

        var error = Assert.Throws<AiTuneException>(() => host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request()));

        Assert.StartsWith("the plan refuses 1 change(s): hugepages:1048576kB: huge pages would hold", error.Message);
        Assert.Empty(host.Kernel.Writes);
        Assert.False(host.HasStandingJournal);
    }
}
