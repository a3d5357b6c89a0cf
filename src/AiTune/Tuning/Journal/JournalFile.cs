using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiTune.Files;
using AiTune.Tuning.Writing;

namespace AiTune.Tuning.Journal;

/// <summary>
/// The write-ahead journal: one line per record, <c>CHECKSUM JSON</c>, where CHECKSUM is the first 16 hex digits
/// of the SHA-256 of the JSON. Every append is fsynced before the caller touches the host, so after a crash the
/// journal names every change that may have happened. The reader is strict: a damaged line, a torn last line, a
/// gap in the sequence or a record that refers to nothing makes the whole journal unusable, because restoring
/// from a journal we cannot trust would be guessing.
/// </summary>
public sealed class JournalFile
{
    private const int MaxBytes = 16 << 20;
    private readonly List<JournalRecord> records;

    private JournalFile(string path, List<JournalRecord> records)
    {
        Path = path;
        this.records = records;
    }

    public string Path { get; }

    public IReadOnlyList<JournalRecord> Records => records;

    /// <summary>Reads and checks the journal; null when there is none.</summary>
    public static JournalFile? Open(string path)
    {
        if (!File.Exists(path))
        {
            return null;
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

        var text = File.ReadAllText(path, new UTF8Encoding(false, true));
        return new JournalFile(path, Parse(text, path));
    }

    /// <summary>A new, empty journal (the file appears with the first append).</summary>
    public static JournalFile Create(string path)
    {
        if (File.Exists(path))
        {
            throw new InvalidOperationException("a journal already exists at " + path);
        }

        return new JournalFile(path, []);
    }

    /// <summary>Parses journal text; throws <see cref="AiTuneException"/> naming the first damaged line.</summary>
    public static List<JournalRecord> Parse(string text, string path)
    {
        var result = new List<JournalRecord>();
        if (text.Length == 0)
        {
            return result;
        }

        if (!text.EndsWith('\n'))
        {
            throw Damaged(path, text.Count(c => c == '\n') + 1, "the last line is incomplete (the write was cut off)");
        }

        var lines = text[..^1].Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var record = ParseLine(lines[i], path, i + 1);
            if (record.Seq != i + 1)
            {
                throw Damaged(path, i + 1, $"sequence {record.Seq} where {i + 1} was expected (a line is missing or repeated)");
            }

            Check(record, result, path, i + 1);
            result.Add(record);
        }

        return result;
    }

    /// <summary>Appends a record (sequence and time filled in) and makes it durable before returning.</summary>
    public JournalRecord Append(JournalRecord record)
    {
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
            DurableFiles.FsyncDirectory(System.IO.Path.GetDirectoryName(Path)!);
        }

        records.Add(stamped);
        return stamped;
    }

    public static string Format(JournalRecord record)
    {
        var json = JsonSerializer.Serialize(record, JournalJsonContext.Default.JournalRecord);
        return Checksum(json) + " " + json + "\n";
    }

    private static JournalRecord ParseLine(string line, string path, int number)
    {
        if (line.Length < 18 || line[16] != ' ')
        {
            throw Damaged(path, number, "not a journal line (checksum, space, JSON)");
        }

        var json = line[17..];
        if (!string.Equals(line[..16], Checksum(json), StringComparison.Ordinal))
        {
            throw Damaged(path, number, "checksum mismatch (the line was altered or corrupted)");
        }

        try
        {
            return JsonSerializer.Deserialize(json, JournalJsonContext.Default.JournalRecord)
                ?? throw Damaged(path, number, "an empty record");
        }
        catch (JsonException e)
        {
            throw Damaged(path, number, "not a journal record: " + FileErrors.Describe(e));
        }
    }

    /// <summary>The fields each kind needs, and references only to earlier records of the right kind.</summary>
    private static void Check(JournalRecord record, IReadOnlyList<JournalRecord> earlier, string path, int number)
    {
        string? problem = record.Kind switch
        {
            _ when earlier.Count == 0 && record.Kind != JournalRecordKind.Begin => "the first record is not a begin",
            JournalRecordKind.Begin when string.IsNullOrEmpty(record.Profile) => "a begin without a profile",
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

    private static string Checksum(string json) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..16];

    private static AiTuneException Damaged(string path, int line, string reason) => new(
        $"the journal {path} is damaged at line {line}: {reason}; aitune will not guess which values to restore",
        $"read the original values in its intent records (cut -d' ' -f2- {path} | jq), restore them by hand (sysctl -w KEY=VALUE, echo VALUE > /sys/…), then move the journal aside (mv {path} {path}.damaged)");
}
