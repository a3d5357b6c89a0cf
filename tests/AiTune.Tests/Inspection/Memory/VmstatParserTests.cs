using AiTune.Facts;
using AiTune.Inspection.Memory;
using AiTune.Tests.Support;
using CsCheck;

namespace AiTune.Tests.Inspection.Memory;

public class VmstatParserTests
{
    [Fact]
    public void The_thp_counters_of_a_real_file_by_name_without_the_prefix()
    {
        var vmstat = VmstatParser.Parse(File.ReadAllText(FixturePaths.Host("xeon-2numa-nvidia") + "/proc/vmstat")).Value;
        var events = VmstatParser.ThpEvents(vmstat);

        Assert.Equal(24, events.Count);
        Assert.Equal(48211, events.Single(e => e.Key == "fault_alloc").Value);
        Assert.Equal(1377, events.Single(e => e.Key == "fault_fallback").Value);
        Assert.Equal(12, events.Single(e => e.Key == "collapse_alloc_failed").Value);
        Assert.Equal(events.Select(e => e.Key).Order(StringComparer.Ordinal), events.Select(e => e.Key));
        Assert.Equal(1188, vmstat["nr_anon_transparent_hugepages"]);
    }

    [Fact]
    public void A_malformed_line_is_left_out_and_the_others_stay_known()
    {
        var vmstat = VmstatParser.Parse("thp_fault_alloc 5\nthp_fault_fallback -1\nthp_split_page x\nthp_collapse_alloc 7 8\nthp_ 3\nthp_zero_page_alloc 2\n").Value;

        Assert.Equal([KeyValuePair.Create("fault_alloc", 5L), KeyValuePair.Create("zero_page_alloc", 2L)], VmstatParser.ThpEvents(vmstat));
    }

    [Fact]
    public void A_file_with_no_counter_is_malformed()
    {
        var vmstat = VmstatParser.Parse("garbage\n");

        Assert.Equal(UnknownKind.Malformed, vmstat.Reason!.Kind);
    }

    [Fact]
    public void Hostile_content_never_throws()
    {
        Gen.String.Sample(text =>
        {
            var vmstat = VmstatParser.Parse(text);
            return !vmstat.IsKnown || VmstatParser.ThpEvents(vmstat.Value).All(e => e.Value >= 0);
        });
    }
}
