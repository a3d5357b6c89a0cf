using AiTune.Facts;
using AiTune.Inspection.Storage;
using AiTune.Tests.Support;
using CsCheck;

namespace AiTune.Tests.Inspection.Storage;

public class SchedulerListParserTests
{
    private const string Path = "/sys/block/sda/queue/scheduler";

    [Fact]
    public void Real_file_with_mq_deadline_active()
    {
        // Captured from a virtio disk on Linux 6.18: "none" comes first and a space ends the line.
        var text = File.ReadAllText(FixturePaths.File("files/storage/scheduler-vda-mq-deadline"));
        var list = SchedulerListParser.Parse(Path, text).Value;
        Assert.Equal("mq-deadline", list.Active);
        Assert.Equal(["none", "mq-deadline", "kyber", "bfq"], list.Available);
    }

    [Fact]
    public void Real_file_with_none_active()
    {
        var text = File.ReadAllText(FixturePaths.File("files/storage/scheduler-loop0-none"));
        var list = SchedulerListParser.Parse(Path, text).Value;
        Assert.Equal("none", list.Active);
        Assert.Equal(["none", "mq-deadline", "kyber", "bfq"], list.Available);
    }

    [Fact]
    public void Older_kernels_print_none_last()
    {
        var list = SchedulerListParser.Parse(Path, "mq-deadline [bfq] none\n").Value;
        Assert.Equal("bfq", list.Active);
        Assert.Equal(["mq-deadline", "bfq", "none"], list.Available);
    }

    [Fact]
    public void Legacy_single_queue_schedulers()
    {
        Assert.Equal("cfq", SchedulerListParser.Parse(Path, "noop deadline [cfq] \n").Value.Active);
    }

    [Fact]
    public void None_alone_is_a_queue_without_scheduler_support()
    {
        var list = SchedulerListParser.Parse(Path, "none\n").Value;
        Assert.Equal("none", list.Active);
        Assert.Equal(["none"], list.Available);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("\n", "empty")]
    [InlineData("mq-deadline none\n", "no scheduler in brackets")]
    [InlineData("[none] [mq-deadline]\n", "more than one scheduler in brackets")]
    [InlineData("[] none\n", "is not a scheduler name")]
    [InlineData("[none mq-deadline]\n", "is not a scheduler name")]
    [InlineData("[none] mq/deadline\n", "is not a scheduler name")]
    [InlineData("[n\u0001ne]\n", "is not a scheduler name")]
    public void Malformed_lists_are_unknown_naming_the_file(string text, string why)
    {
        var result = SchedulerListParser.Parse(Path, text);
        Assert.False(result.IsKnown);
        Assert.Equal(UnknownKind.Malformed, result.Reason!.Kind);
        Assert.StartsWith(Path, result.Reason.Detail);
        Assert.Contains(why, result.Reason.Detail);
    }

    [Fact]
    public void Absurdly_long_lists_are_refused()
    {
        var text = "[none] " + string.Join(' ', Enumerable.Repeat("kyber", 1000));
        Assert.Equal(UnknownKind.Malformed, SchedulerListParser.Parse(Path, text).Reason!.Kind);
    }

    [Fact]
    public void Random_text_gives_a_list_with_one_active_entry_or_an_unknown()
    {
        Gen.String.Sample(text =>
        {
            var result = SchedulerListParser.Parse(Path, text);
            if (result.TryGet(out var list))
            {
                Assert.Contains(list.Active, list.Available);
            }
            else
            {
                Assert.Equal(UnknownKind.Malformed, result.Reason!.Kind);
            }
        });
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        Gen.Byte.Array[0, 512].Sample(bytes =>
        {
            var result = SchedulerListParser.Parse(Path, System.Text.Encoding.UTF8.GetString(bytes));
            Assert.True(result.IsKnown || result.Reason!.Kind == UnknownKind.Malformed);
        });
    }

    [Fact]
    public void Bracketed_lists_built_from_names_round_trip()
    {
        var names = Gen.OneOfConst("none", "mq-deadline", "kyber", "bfq", "noop", "cfq");
        Gen.Select(names.List[1, 6], Gen.Int).Sample((list, pick) =>
        {
            int active = Math.Abs(pick % list.Count);
            var text = string.Join(' ', list.Select((name, i) => i == active ? $"[{name}]" : name)) + " \n";
            var parsed = SchedulerListParser.Parse(Path, text).Value;
            Assert.Equal(list[active], parsed.Active);
            Assert.Equal(list, parsed.Available);
        });
    }
}
