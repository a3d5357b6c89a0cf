using System.Text;
using System.Text.Json;
using AiTune.Files;
using AiTune.Text;

namespace AiTune.Tuning.Journal;

/// <summary>
/// The write-ahead journal: one line per record, <c>CHECKSUM JSON</c>, where CHECKSUM is the first 16 hex digits
/// of the SHA-256 of the JSON. Every append is fsynced before the caller touches the host, so after a crash the
/// journal names every change that may have happened. Only the last line can have been in flight when a crash
/// came: a torn or checksum-failing last line is a record that was never durable, so the action it announces never
/// started (<see cref="JournalTail"/>); it is ignored, and cut off before the next append. Anything else (a damaged
/// line before the last, a gap in the sequence, a record that refers to nothing) makes the whole journal unusable,
/// because restoring from a journal we cannot trust would be guessing.
/// </summary>
public sealed class JournalFile
{
    private const int MaxBytes = 16 << 20;
    private readonly List<JournalRecord> records;

    private JournalFile(string path, List<JournalRecord> records, JournalTail? tornTail)
    {
        Path = path;
        this.records = records;
        TornTail = tornTail;
    }

    public string Path { get; }

    public IReadOnlyList<JournalRecord> Records => records;

    /// <summary>The last line, when it was never made durable; null when the journal ends on an intact line.</summary>
    public JournalTail? TornTail { get; private set; }

    /// <summary>Reads and checks the journal; null when there is none.</summary>
    public static JournalFile? Open(string path)
    {
        // Absent means no transaction; a journal this user may not even look at is not absent (File.Exists would
        // say false for both, and a reader without root would report "no profile applied").
        int type = Interop.LinuxFileStatus.LstatType(path);
        if (type is -Interop.LinuxFileStatus.ENOENT or -Interop.LinuxFileStatus.ENOTDIR)
        {
            return null;
        }

        if (type is -Interop.LinuxFileStatus.EACCES or -Interop.LinuxFileStatus.EPERM)
        {
            throw new UnauthorizedAccessException($"{path}: {Interop.Posix.Describe(-type)}");
        }

        if (type < 0)
        {
            throw new AiTuneException($"cannot read aitune's journal {path}: {Interop.Posix.Describe(-type)}", "check the state directory's file system");
        }

        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            throw Damaged(path, 0, "it is a symbolic link");
        }

        if (info.Length > MaxBytes)
        {
            throw Damaged(path, 0, $"it is {info.Length} bytes, more than any transaction writes");
        }

        var (parsed, tail) = Parse(File.ReadAllBytes(path), path);
        return new JournalFile(path, parsed, tail);
    }

    /// <summary>A new, empty journal (the file appears with the first append).</summary>
    public static JournalFile Create(string path)
    {
        if (File.Exists(path))
        {
            throw new InvalidOperationException("a journal already exists at " + path);
        }

        return new JournalFile(path, [], null);
    }

    /// <summary>Parses journal bytes: the intact records, and the last line when it was never made durable (cut off
    /// without its newline, not a journal line, or failing its checksum). Throws <see cref="AiTuneException"/> naming
    /// the first damaged line anywhere else, and for a last line whose checksum holds but which does not fit the
    /// journal (that line is exactly as aitune wrote it, so the journal itself is wrong).</summary>
    public static (List<JournalRecord> Records, JournalTail? TornTail) Parse(byte[] bytes, string path)
    {
        var result = new List<JournalRecord>();
        int start = 0;
        int number = 0;
        while (start < bytes.Length)
        {
            number++;
            int newline = Array.IndexOf(bytes, (byte)'\n', start);
            if (newline < 0)
            {
                return (result, new JournalTail(start, number, "the last line is incomplete (its write was cut off)"));
            }

            if (ParseLine(bytes.AsSpan(start, newline - start), out var problem) is not { } record)
            {
                return newline == bytes.Length - 1
                    ? (result, new JournalTail(start, number, problem!))
                    : throw Damaged(path, number, problem!);
            }

            if (record.Seq != number)
            {
                throw Damaged(path, number, $"sequence {record.Seq} where {number} was expected (a line is missing or repeated)");
            }

            Check(record, result, path, number);
            result.Add(record);
            start = newline + 1;
        }

        return (result, null);
    }

    /// <summary>Cuts a torn last line off (truncates to the last intact newline and fsyncs), so that no record ever
    /// follows garbage. Only under the state lock: a reader without it may be reading the file.</summary>
    public void CutTornTail()
    {
        if (TornTail is not { } tail)
        {
            return;
        }

        using (var stream = new FileStream(Path, FileMode.Open, FileAccess.Write, FileShare.Read))
        {
            stream.SetLength(tail.IntactBytes);
            stream.Flush(flushToDisk: true);
        }

        TornTail = null;
    }

    /// <summary>Appends a record (sequence and time filled in) and makes it durable before returning; a torn last
    /// line is cut off first. Only under the state lock.</summary>
    public JournalRecord Append(JournalRecord record)
    {
        CutTornTail();
        var stamped = record with { Seq = records.Count + 1, Time = record.Time == default ? DateTimeOffset.UtcNow : record.Time };
        Check(stamped, records, Path, records.Count + 1);
        var line = Format(stamped);
        bool created = !File.Exists(Path);
        using (var stream = new FileStream(Path, new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            Share = FileShare.Read,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            stream.Write(Encoding.UTF8.GetBytes(line));
            stream.Flush(flushToDisk: true);
        }

        if (created)
        {
            DirectorySync.Fsync(System.IO.Path.GetDirectoryName(Path)!);
        }

        records.Add(stamped);
        return stamped;
    }

    public static string Format(JournalRecord record)
    {
        var json = JournalRecordJson.Write(record);
        return Checksum(json) + " " + json + "\n";
    }

    /// <summary>One line (without its newline) as a record, or why it is not one.</summary>
    private static JournalRecord? ParseLine(ReadOnlySpan<byte> bytes, out string? problem)
    {
        problem = null;
        string line;
        try
        {
            line = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            problem = "not text (a byte that is not UTF-8)";
            return null;
        }

        if (line.Length < 18 || line[16] != ' ')
        {
            problem = "not a journal line (checksum, space, JSON)";
            return null;
        }

        var json = line[17..];
        if (!string.Equals(line[..16], Checksum(json), StringComparison.Ordinal))
        {
            problem = "checksum mismatch (the line was altered or corrupted)";
            return null;
        }

        try
        {
            var record = JournalRecordJson.Read(bytes[17..]);
            problem = record is null ? "an empty record" : null;
            return record;
        }
        catch (JsonException e)
        {
            problem = "not a journal record: " + FileErrors.Describe(e);
            return null;
        }
    }

    /// <summary>The fields each kind needs, and references only to earlier records of the right kind.</summary>
    private static void Check(JournalRecord record, IReadOnlyList<JournalRecord> earlier, string path, int number)
    {
        string? problem = record.Kind switch
        {
            _ when earlier.Count == 0 && record.Kind != JournalRecordKind.Begin => "the first record is not a begin",
            JournalRecordKind.Begin when string.IsNullOrEmpty(record.Profile) => "a begin without a profile",
            JournalRecordKind.Begin when record.Settings?.FirstOrDefault(s => s.ToResolved() is null) is { } bad
                => $"a begin whose setting of {DisplayText.Shorten(bad.Knob)} names no knob aitune knows, or no expectation it can read",
            JournalRecordKind.Intent when record.Knob is null || record.Path is null || record.Subject is null || record.Target is null
                => "an intent without knob, subject, path or target",
            JournalRecordKind.Written or JournalRecordKind.Failed or JournalRecordKind.Restored when !Refers(record.Ref, JournalRecordKind.Intent)
                => $"a {record.Kind} record that refers to no intent",
            JournalRecordKind.Commit when !Refers(record.Ref, JournalRecordKind.Begin) || record.Outcome is not ("applied" or "partial")
                => "a commit without its begin or outcome",
            JournalRecordKind.RollbackBegin or JournalRecordKind.RollbackEnd when record.Outcome is not ("apply" or "all")
                => "a rollback record without its scope",
            _ => null,
        };
        if (problem is not null)
        {
            throw Damaged(path, number, problem);
        }

        bool Refers(long? seq, JournalRecordKind kind) =>
            seq is { } s && s >= 1 && s <= earlier.Count && earlier[(int)s - 1].Kind == kind;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private static string Checksum(string json) =>
        Sha256.HexOfUtf8(json)[..16];

    private static AiTuneException Damaged(string path, int line, string reason) => new(
        $"the journal {path} is damaged at line {line}: {reason}; aitune will not guess which values to restore",
        $"read the original values in its intent records (cut -d' ' -f2- {path} | jq), restore them by hand (sysctl -w KEY=VALUE, echo VALUE > /sys/…), then move the journal aside (mv {path} {path}.damaged)");
}
