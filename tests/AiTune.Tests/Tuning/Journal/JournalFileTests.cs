using System.Text;
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

    /// <summary>Every append is fsynced before the change it announces, so a last line cut off anywhere was never
    /// durable: it reads as not written, and the next append cuts it off first, so no record follows garbage.</summary>
    [Fact]
    public void A_last_line_cut_off_at_any_byte_is_a_record_never_written_and_the_next_append_cuts_it_off()
    {
        WriteSample();
        var whole = File.ReadAllBytes(JournalPath);
        int lastLine = Array.LastIndexOf(whole, (byte)'\n', whole.Length - 2) + 1;
        for (int cut = lastLine + 1; cut < whole.Length; cut++)
        {
            File.WriteAllBytes(JournalPath, whole[..cut]);

            var journal = JournalFile.Open(JournalPath)!;

            Assert.Equal([JournalRecordKind.Begin, JournalRecordKind.Intent, JournalRecordKind.Written], journal.Records.Select(r => r.Kind));
            Assert.Equal(new JournalTail(lastLine, 4, "the last line is incomplete (its write was cut off)"), journal.TornTail);
            journal.Append(new JournalRecord { Kind = JournalRecordKind.Commit, Ref = 1, Outcome = "partial" });
            Assert.Null(journal.TornTail);
            var reread = JournalFile.Open(JournalPath)!;
            Assert.Null(reread.TornTail);
            Assert.Equal([1L, 2, 3, 4], reread.Records.Select(r => r.Seq));
            Assert.Equal("partial", reread.Records[3].Outcome);
            Assert.Equal(whole[..lastLine], File.ReadAllBytes(JournalPath)[..lastLine]);
        }
    }

    [Fact]
    public void A_last_line_without_its_newline_is_torn_even_when_its_checksum_holds()
    {
        WriteSample();
        var whole = File.ReadAllBytes(JournalPath);
        File.WriteAllBytes(JournalPath, whole[..^1]);

        var journal = JournalFile.Open(JournalPath)!;

        Assert.Equal(3, journal.Records.Count);
        Assert.Equal(4, journal.TornTail!.Line);
    }

    [Theory]
    [InlineData(0x01, "checksum mismatch")]
    [InlineData(0x80, "not text")]
    public void A_last_line_with_a_flipped_byte_is_a_record_never_written(int flip, string reason)
    {
        WriteSample();
        var bytes = File.ReadAllBytes(JournalPath);
        int lastLine = Array.LastIndexOf(bytes, (byte)'\n', bytes.Length - 2) + 1;
        bytes[lastLine + 30] ^= (byte)flip;
        File.WriteAllBytes(JournalPath, bytes);

        var journal = JournalFile.Open(JournalPath)!;

        Assert.Equal(3, journal.Records.Count);
        Assert.Equal(lastLine, journal.TornTail!.IntactBytes);
        Assert.Contains(reason, journal.TornTail.Reason);
    }

    [Fact]
    public void The_same_damage_before_the_last_line_is_refused()
    {
        WriteSample();
        var bytes = File.ReadAllBytes(JournalPath);
        int thirdLine = Array.IndexOf(bytes, (byte)'\n', Array.IndexOf(bytes, (byte)'\n') + 1) + 1;
        bytes[thirdLine + 30] ^= 0x01;
        File.WriteAllBytes(JournalPath, bytes);

        var error = Assert.Throws<AiTuneException>(() => JournalFile.Open(JournalPath));

        Assert.Contains("damaged at line 3: checksum mismatch", error.Message);
    }

    [Fact]
    public void A_last_line_whose_checksum_holds_but_that_does_not_fit_the_journal_is_refused()
    {
        // Its checksum proves the line is as aitune wrote it: then the journal, not the write, is wrong.
        var text = JournalFile.Format(new JournalRecord { Seq = 1, Kind = JournalRecordKind.Begin, Profile = "x" })
            + JournalFile.Format(new JournalRecord { Seq = 2, Kind = JournalRecordKind.Written, Ref = 1, Value = "1" });

        var error = Assert.Throws<AiTuneException>(() => JournalFile.Parse(Encoding.UTF8.GetBytes(text), "j"));

        Assert.Contains("line 2: a Written record that refers to no intent", error.Message);
    }

    [Fact]
    public void A_journal_whose_only_line_is_torn_holds_no_record()
    {
        var begin = JournalFile.Format(new JournalRecord { Seq = 1, Kind = JournalRecordKind.Begin, Profile = "x" });

        var (records, tail) = JournalFile.Parse(Encoding.UTF8.GetBytes(begin[..10]), "j");

        Assert.Empty(records);
        Assert.Equal(0, tail!.IntactBytes);
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
    public void Garbage_is_refused_and_never_throws_anything_else()
    {
        Gen.Byte.Array.Sample(bytes =>
        {
            try
            {
                JournalFile.Parse(bytes, "j");
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
