using AiTune.Tuning.Journal;
using CsCheck;

namespace AiTune.Tests.Tuning.Journal;

public sealed class JournalFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("aitune-journal-").FullName;

    private string JournalPath => Path.Join(directory, "journal");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private JournalFile WriteSample()
    {
        var journal = JournalFile.Create(JournalPath);
        var begin = journal.Append(new JournalRecord { Kind = JournalRecordKind.Begin, Profile = "inference-latency", User = "root", Uid = 0 });
        var intent = journal.Append(new JournalRecord
        {
            Kind = JournalRecordKind.Intent, Knob = "sysctl:vm.swappiness", Subject = "", Path = "/proc/sys/vm/swappiness", Original = "60", Target = "10",
        });
        journal.Append(new JournalRecord { Kind = JournalRecordKind.Written, Ref = intent.Seq, Value = "10" });
        journal.Append(new JournalRecord { Kind = JournalRecordKind.Commit, Ref = begin.Seq, Outcome = "applied" });
        return journal;
    }

    [Fact]
    public void Appended_records_read_back_with_sequence_and_values()
    {
        WriteSample();
        var journal = JournalFile.Open(JournalPath)!;
        Assert.Equal([1L, 2, 3, 4], journal.Records.Select(r => r.Seq));
        Assert.Equal("60", journal.Records[1].Original);
        Assert.Equal(JournalRecordKind.Commit, journal.Records[3].Kind);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(JournalPath));
    }

    [Fact]
    public void Each_line_is_a_checksum_and_compact_json()
    {
        WriteSample();
        var lines = File.ReadAllLines(JournalPath);
        Assert.Equal(4, lines.Length);
        Assert.Matches("^[0-9a-f]{16} \\{\"seq\":1,\"kind\":\"begin\",", lines[0]);
        Assert.Contains("\"original\":\"60\"", lines[1]);
    }

    [Fact]
    public void A_missing_journal_is_null()
    {
        Assert.Null(JournalFile.Open(JournalPath));
    }

    [Theory]
    // Only line 2's value: a bare "60" can also sit in line 1's time or checksum, which damages line 1 instead.
    [InlineData("\"original\":\"60\"", "\"original\":\"61\"", "checksum mismatch")]
    [InlineData("\"seq\":2", "\"seq\":7", "checksum mismatch")]
    public void An_altered_line_is_refused_with_its_line_number(string from, string to, string reason)
    {
        WriteSample();
        File.WriteAllText(JournalPath, File.ReadAllText(JournalPath).Replace(from, to));
        var error = Assert.Throws<AiTuneException>(() => JournalFile.Open(JournalPath));
        Assert.Contains("damaged at line 2", error.Message);
        Assert.Contains(reason, error.Message);
        Assert.Contains("mv ", error.Hint);
    }

    [Fact]
    public void A_torn_last_line_is_refused()
    {
        WriteSample();
        var text = File.ReadAllText(JournalPath);
        File.WriteAllText(JournalPath, text[..^20]);
        var error = Assert.Throws<AiTuneException>(() => JournalFile.Open(JournalPath));
        Assert.Contains("line 4", error.Message);
        Assert.Contains("incomplete", error.Message);
    }

    [Fact]
    public void A_missing_line_is_refused_as_a_sequence_gap()
    {
        WriteSample();
        var lines = File.ReadAllLines(JournalPath).ToList();
        lines.RemoveAt(1);
        File.WriteAllText(JournalPath, string.Join('\n', lines) + "\n");
        var error = Assert.Throws<AiTuneException>(() => JournalFile.Open(JournalPath));
        Assert.Contains("line 2", error.Message);
        Assert.Contains("sequence 3 where 2 was expected", error.Message);
    }

    [Fact]
    public void A_record_referring_to_nothing_is_refused()
    {
        var line = JournalFile.Format(new JournalRecord { Seq = 1, Kind = JournalRecordKind.Begin, Profile = "x" })
            + JournalFile.Format(new JournalRecord { Seq = 2, Kind = JournalRecordKind.Written, Ref = 1, Value = "1" });
        var error = Assert.Throws<AiTuneException>(() => JournalFile.Parse(line, "j"));
        Assert.Contains("refers to no intent", error.Message);
    }

    [Fact]
    public void Garbage_is_refused_and_never_throws_anything_else()
    {
        Gen.String.Sample(text =>
        {
            try
            {
                JournalFile.Parse(text, "j");
            }
            catch (AiTuneException)
            {
            }
        }, iter: 500);
    }

    [Fact]
    public void A_symbolic_link_is_refused()
    {
        var target = Path.Join(directory, "elsewhere");
        WriteSample();
        File.Move(JournalPath, target);
        File.CreateSymbolicLink(JournalPath, target);
        var error = Assert.Throws<AiTuneException>(() => JournalFile.Open(JournalPath));
        Assert.Contains("symbolic link", error.Message);
    }
}
