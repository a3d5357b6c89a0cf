using System.Text;
using System.Text.Json;
using AiTune.Tuning.Journal;
using CsCheck;

namespace AiTune.Tests.Tuning.Journal;

public sealed class JournalRecordJsonTests
{
    /// <summary>Strings that stress the escaping: quotes, backslashes, controls, HTML-sensitive and non-ASCII
    /// characters, a lone surrogate's neighbours, and anything else.</summary>
    private static readonly Gen<string?> Text = Gen.OneOf(
        Gen.OneOfConst<string?>(null, "", "\"", "\\", "\n\t\u0000\u001b", "<script>&'+", "é ü 中文 🙂", "\u2028\u2029", "sysctl:vm.swappiness"),
        Gen.String.Select(s => (string?)s),
        Gen.String[Gen.Char.AlphaNumeric, 0, 20].Select(s => (string?)s));

    private static readonly Gen<JournalSetting> Setting = Gen.Select(Text, Gen.Int.Nullable(), Text, Text, Text, Text, Text)
        .Select((knob, node, expected, skipped, profile, source, why) => new JournalSetting
        {
            Knob = knob ?? "", Node = node, Expected = expected, Skipped = skipped, Profile = profile ?? "", Source = source ?? "", Why = why,
        });

    private static readonly Gen<DateTimeOffset> Time = Gen.Select(Gen.Long[0, DateTimeOffset.MaxValue.Ticks / 2], Gen.Int[-14 * 60, 14 * 60])
        .Select((ticks, offset) => new DateTimeOffset(ticks, TimeSpan.FromMinutes(offset)));

    private static readonly Gen<JournalRecord> Record = Gen.Select(
            Gen.Select(Gen.Long, Gen.Enum<JournalRecordKind>(), Time, Text, Text, Gen.Int.Nullable(), Text, Text),
            Gen.Select(Text, Text, Gen.Long.Nullable(), Gen.Bool.Nullable(), Text.Select(s => s ?? "").List[0, 3].Null(),
                Setting.List[0, 3].Null(), Gen.Dictionary(Gen.String[Gen.Char.AlphaNumeric, 1, 12], Text.Select(s => s ?? ""))[0, 3].Null()),
            Gen.Select(Gen.Long.Nullable(), Text, Text, Text, Text, Text, Gen.Bool.Nullable(), Text),
            Gen.Select(Text, Text))
        .Select((a, b, c, d) => new JournalRecord
        {
            Seq = a.Item1, Kind = a.Item2, Time = a.Item3, Profile = a.Item4, User = a.Item5, Uid = a.Item6, BootId = a.Item7, Kernel = a.Item8,
            ToolVersion = b.Item1, Model = b.Item2, ModelBytes = b.Item3, Persist = b.Item4, PendingReboot = b.Item5,
            Settings = b.Item6, Held = b.Item7,
            Ref = c.Item1, Knob = c.Item2, Subject = c.Item3, Path = c.Item4, Original = c.Item5, Target = c.Item6, CreatesDirectory = c.Item7,
            Value = c.Item8, Error = d.Item1, Outcome = d.Item2,
        });

    [Fact]
    public void A_record_is_written_as_the_serializer_wrote_it()
    {
        Record.Sample(record =>
            Assert.Equal(JsonSerializer.Serialize(record, SerializerJournalContext.Default.JournalRecord), JournalRecordJson.Write(record)),
            iter: 2000);
    }

    [Fact]
    public void A_record_reads_back_as_written_and_as_the_serializer_reads_it()
    {
        Record.Sample(record =>
        {
            var line = JournalRecordJson.Write(record);
            var read = JournalRecordJson.Read(Encoding.UTF8.GetBytes(line))!;
            Assert.Equal(line, JournalRecordJson.Write(read));
            Assert.Equal(line, JournalRecordJson.Write(JsonSerializer.Deserialize(line, SerializerJournalContext.Default.JournalRecord)!));
        }, iter: 2000);
    }

    [Fact]
    public void A_line_of_a_journal_written_before_reads_with_every_field()
    {
        // A begin record as aitune's serializer wrote it (escaped '+' and non-ASCII, a setting with a node).
        const string line = "{\"seq\":1,\"kind\":\"begin\",\"time\":\"2026-12-06T19:59:01.2345678+00:00\",\"profile\":\"inference-latency\\u002Bhardened\","
            + "\"user\":\"J\\u00FCrgen via sudo\",\"uid\":1000,\"bootId\":\"b\",\"persist\":false,\"pendingReboot\":[\"hugepages=1024\"],"
            + "\"settings\":[{\"knob\":\"hugepages:2048kB\",\"node\":1,\"expected\":\"\\u003E=1024\",\"profile\":\"inference-latency\",\"source\":\"s\"}],"
            + "\"held\":{\"sysctl:vm.swappiness\":\"10\"}}";
        var record = JournalRecordJson.Read(Encoding.UTF8.GetBytes(line))!;
        Assert.Equal(JournalRecordKind.Begin, record.Kind);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 19, 59, 1, TimeSpan.Zero).AddTicks(2345678), record.Time);
        Assert.Equal("inference-latency+hardened", record.Profile);
        Assert.Equal("Jürgen via sudo", record.User);
        Assert.Equal(1000, record.Uid);
        Assert.False(record.Persist);
        Assert.Equal(["hugepages=1024"], record.PendingReboot!);
        Assert.Equal(1, record.Settings![0].Node);
        Assert.Equal(">=1024", record.Settings[0].Expected);
        Assert.Null(record.Settings[0].Skipped);
        Assert.Equal("10", record.Held!["sysctl:vm.swappiness"]);
        Assert.Equal(line, JournalRecordJson.Write(record));
    }

    [Theory]
    [InlineData("{\"seq\":\"1\"}", "the field \"seq\" is not a whole number")]
    [InlineData("{\"seq\":1.5}", "the field \"seq\" is not a whole number")]
    [InlineData("{\"uid\":4294967296}", "the field \"uid\" is not a whole number")]
    [InlineData("{\"kind\":\"Begin\"}", "the field \"kind\" is not one of begin, intent, written, failed, commit, rollbackBegin, restored, rollbackEnd")]
    [InlineData("{\"kind\":0}", "the field \"kind\" is not one of")]
    [InlineData("{\"time\":\"yesterday\"}", "the field \"time\" is not an ISO 8601 time")]
    [InlineData("{\"persist\":1}", "the field \"persist\" is not true or false")]
    [InlineData("{\"pendingReboot\":[1]}", "the field \"pendingReboot\" is not a list of strings")]
    [InlineData("{\"settings\":{}}", "the field \"settings\" is not a list")]
    [InlineData("{\"settings\":[1]}", "the field \"settings\" is not a list of objects")]
    [InlineData("{\"held\":{\"a\":null}}", "the field \"held\" is not strings")]
    [InlineData("[1]", "the line holds no JSON object")]
    public void A_field_of_the_wrong_type_is_refused_by_name(string json, string message)
    {
        var error = Assert.Throws<JsonException>(() => JournalRecordJson.Read(Encoding.UTF8.GetBytes(json)));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"seq\":1")]
    [InlineData("{\"seq\":1,}")]
    [InlineData("{\"seq\":1} {}")]
    [InlineData("")]
    public void Text_that_is_not_json_is_refused(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JournalRecordJson.Read(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void An_unknown_field_is_skipped_and_a_repeated_one_keeps_its_last_value()
    {
        var record = JournalRecordJson.Read("{\"seq\":1,\"later\":{\"a\":[1,{\"b\":2}]},\"value\":\"a\",\"value\":\"b\"}"u8)!;
        Assert.Equal(1, record.Seq);
        Assert.Equal("b", record.Value);
    }

    [Fact]
    public void The_json_literal_null_is_no_record()
    {
        Assert.Null(JournalRecordJson.Read("null"u8));
    }
}
