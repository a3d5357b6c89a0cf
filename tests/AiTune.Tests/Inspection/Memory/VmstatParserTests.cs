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

    [Fact]
    public void Any_text_parses_to_the_lines_of_two_space_separated_fields_a_name_and_digits()
    {
        // The rule stated plainly (split, then check each field), against the parser's span walk.
        static Dictionary<string, long> ByTheRule(string text)
        {
            var counters = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var line in text.Split('\n'))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length == 2 && fields[0].All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && fields[1].All(char.IsAsciiDigit)
                    && long.TryParse(fields[1], System.Globalization.CultureInfo.InvariantCulture, out var value))
                {
                    counters.TryAdd(fields[0], value);
                }
            }

            return counters;
        }

        var line = Gen.OneOf(
            Gen.Const("nr_free_pages 12\n"), Gen.Const("  thp_fault_alloc   7 \n"), Gen.Const("a b c\n"), Gen.Const("x\t1\n"),
            Gen.Const("n 99999999999999999999\n"), Gen.Const("n 5\n"), Gen.Const("\n"), Gen.Const("é 1\n"), Gen.Const("k +1\n"),
            Gen.String[Gen.Char["ab _1\n\t"], 0, 12]);
        line.Array[0, 20].Select(lines => string.Concat(lines)).Sample(text =>
        {
            var expected = ByTheRule(text);
            var parsed = VmstatParser.Parse(text);
            return expected.Count == 0 ? !parsed.IsKnown : parsed.IsKnown && expected.OrderBy(e => e.Key, StringComparer.Ordinal).SequenceEqual(parsed.Value.OrderBy(e => e.Key, StringComparer.Ordinal));
        });
    }
}
