using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection;
using AiTune.Knobs;
using AiTune.Tests.Support;

namespace AiTune.Tests.Knobs;

public class KnobReaderSchedulerTests
{
    private static HostFacts Facts(string host)
    {
        using var root = new FileSystemHostRoot(FixturePaths.Host(host));
        return HostInspector.Inspect(root, new HostSource("host tree", false, new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), null, null));
    }

    [Fact]
    public void Eevdf_kernel_reads_base_slice_and_has_no_latency()
    {
        var facts = Facts("xeon-2numa-nvidia");

        var slice = KnobReader.Read(facts, Knob.Scheduler("base_slice_ns"));
        var latency = KnobReader.Read(facts, Knob.Scheduler("latency_ns"));

        Assert.Equal([new KnobValue("", "3000000")], slice.Values);
        Assert.Null(slice.NotApplicable);
        Assert.Empty(latency.Values);
        Assert.Equal("the running kernel (6.8) has no latency_ns: EEVDF (6.6) removed it", latency.NotApplicable);
    }

    [Fact]
    public void Cfs_kernel_reads_the_old_names_under_the_new_ones()
    {
        var facts = Facts("epyc-amdgpu-rt-cgv1");

        Assert.Equal([new KnobValue("", "3000000")], KnobReader.Read(facts, Knob.Scheduler("base_slice_ns")).Values);
        Assert.Equal([new KnobValue("", "24000000")], KnobReader.Read(facts, Knob.Scheduler("latency_ns")).Values);
        Assert.Equal([new KnobValue("", "8")], KnobReader.Read(facts, Knob.Scheduler("nr_migrate")).Values);
    }

    [Fact]
    public void Unreadable_tunables_give_an_unknown_value_with_the_reason()
    {
        var facts = Facts("kvm-hardened");

        var reading = KnobReader.Read(facts, Knob.Scheduler("migration_cost_ns"));

        Assert.Null(reading.NotApplicable);
        Assert.Equal(facts.Cpu.SchedulerTunables.Reason, Assert.Single(reading.Values).Value.Reason);
    }

    [Fact]
    public void A_name_the_kernel_lacks_for_another_reason_is_not_applicable()
    {
        var facts = Facts("xeon-2numa-nvidia");
        facts = facts with { Cpu = facts.Cpu with { SchedulerTunables = Fact.Known<IReadOnlyDictionary<string, string>>(new Dictionary<string, string> { ["base_slice_ns"] = "700000" }) } };

        Assert.Equal("the running kernel has no scheduler tunable tunable_scaling", KnobReader.Read(facts, Knob.Scheduler("tunable_scaling")).NotApplicable);
    }
}
