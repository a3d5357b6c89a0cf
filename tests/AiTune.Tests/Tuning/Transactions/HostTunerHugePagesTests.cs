using AiTune.Profiles;
using AiTune.Tuning.Journal;
using AiTune.Tuning.Transactions;

namespace AiTune.Tests.Tuning.Transactions;

/// <summary>Huge pages are granted from free contiguous memory, so the kernel may take a write of 128 and hold 40:
/// apply compacts memory once and retries, and when that is not enough it fails with the boot-time remedy.</summary>
public sealed class HostTunerHugePagesTests : IDisposable
{
    /// <summary>The fixture holds 16 pages of 1 GiB host-wide (8 per node) and 4096 pages of 2 MiB per node.</summary>
    private const string GiganticPool = "/sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages";

    private const string HostWide128 = "[hugepages]\n\"1048576kB\" = \">=128\"\n";

    private readonly ScriptedHost host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public void A_partial_grant_that_compaction_completes_is_written_after_one_retry()
    {
        var plan = host.Plan(HostWide128);
        host.Kernel.GrantHugePagesUpTo(GiganticPool, cap: 40, capAfterCompaction: 128);

        var report = host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request());

        Assert.Equal(new ChangeResult("hugepages:1048576kB", GiganticPool, "16", "128", "128", ChangeOutcome.Written, null), Assert.Single(report.Changes));
        Assert.Equal([$"{GiganticPool}=128", $"{ScriptedKernelFiles.CompactMemory}=1", $"{GiganticPool}=128"], host.WritesFrom(0));
        Assert.Equal("128", host.Kernel[GiganticPool]);
        Assert.Equal(TransactionPhase.Applied, host.Phase);
    }

    [Fact]
    public void A_partial_grant_compaction_cannot_complete_fails_with_the_boot_remedy_and_is_rolled_back()
    {
        var plan = host.Plan(HostWide128);
        host.Kernel.GrantHugePagesUpTo(GiganticPool, cap: 40);

        var report = host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request());

        var change = Assert.Single(report.Changes);
        Assert.Equal(ChangeOutcome.Failed, change.Outcome);
        Assert.Equal("40", change.After);
        Assert.Equal("the kernel granted 40 of 128 huge pages of 1048576kB (memory too fragmented or too small at runtime, even after compaction); "
            + "reserve them at boot instead: hugepagesz=1G hugepages=128 on the kernel command line (a [cmdline] setting, written to the GRUB drop-in by apply --persist)",
            change.Note);
        // One compaction, one retry, then the rollback gives the 24 extra pages back.
        Assert.Equal([$"{GiganticPool}=128", $"{ScriptedKernelFiles.CompactMemory}=1", $"{GiganticPool}=128", $"{GiganticPool}=16"], host.WritesFrom(0));
        Assert.True(report.RolledBack);
        Assert.Equal(ChangeOutcome.Restored, Assert.Single(report.Restores).Outcome);
        Assert.Equal(host.Seeded, host.Kernel.Contents);
    }

    [Fact]
    public void A_partial_grant_on_a_numa_node_names_the_node_in_the_boot_remedy()
    {
        // A 16 GiB model without headroom needs 8192 pages of 2 MiB; the planner puts them on the node of the
        // first GPU (0000:98:00.0, node 1).
        var plan = host.Plan("[hugepages]\n\"2048kB\" = { value = \"model\", headroom_percent = 0 }\n", model: new ModelRequirement("--model-size 16GiB", 16L << 30));
        var change = Assert.Single(plan.ToSet);
        Assert.Equal("node1", change.Subject);
        var nodePool = "/sys/devices/system/node/node1/hugepages/hugepages-2048kB/nr_hugepages";
        Assert.Equal(nodePool, change.Path);
        host.Kernel.GrantHugePagesUpTo(nodePool, cap: 5000);

        var report = host.Tuner().Apply(host.Facts, plan, ScriptedHost.Request(keepGoing: true));

        var result = Assert.Single(report.Changes);
        Assert.Equal("hugepages:2048kB@node1", result.Id);
        Assert.Equal("the kernel granted 5000 of 8192 huge pages of 2048kB (memory too fragmented or too small at runtime, even after compaction); "
            + "reserve them at boot instead: hugepagesz=2M hugepages=1:8192 on the kernel command line (a [cmdline] setting, written to the GRUB drop-in by apply --persist)",
            result.Note);
        // --keep-going keeps the 5000 pages the kernel did grant.
        Assert.True(report.Partial);
        Assert.Equal("5000", host.Kernel[nodePool]);
    }
}
