using System.Text;
using AiTune.Text;

namespace AiTune.Benchmarks.Store;

/// <summary>
/// The identity a run keeps across databases: its own <see cref="BenchmarkRun.Uid"/> (a UUID made when it was
/// measured), or, for a run measured before aitune gave runs one, a UUID derived from what makes it that run (the host,
/// the start and end to the tick, the label and the suites), so that a database migrated from the old schema and an
/// old export of the same run agree, and importing either twice stores the run once.
/// </summary>
public static class RunIdentity
{
    public static string Of(BenchmarkRun run) => run.Uid ?? Derived(run);

    public static string Derived(BenchmarkRun run) =>
        Derived(run.Environment.Hostname, run.StartedAt, run.FinishedAt, run.Label, run.Suites);

    public static string Derived(string hostname, DateTimeOffset startedAt, DateTimeOffset finishedAt, string? label, IEnumerable<string> suites)
    {
        var text = string.Join('\n', hostname, ResultStore.FormatTime(startedAt), ResultStore.FormatTime(finishedAt), label ?? "", string.Join(',', suites));
        var hash = Sha256.HashData(Encoding.UTF8.GetBytes(text));
        // RFC 9562 version 8 (custom) and the RFC variant, so the text is a well-formed UUID that no random (v4) or
        // time-ordered (v7) UUID can equal.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }
}
