using System.Buffers;
using System.Text;
using System.Text.Json;
using AiTune.Audit;
using AiTune.Json;

namespace AiTune.Serialization;

/// <summary>
/// `aitune audit --json`, written with System.Text.Json's writer instead of its serializer. The serializer builds
/// the metadata of every type in the document (type infos, property infos, converters, their static constructors)
/// before the first byte: about 5 ms of a 40 ms audit, more than reading the kernel config (docs/BENCHMARKS.md), for
/// a document of seven flat records that the metrics endpoint, the kernel lab and fleet runs ask for constantly. The
/// text is the serializer's, byte for byte (camelCase names in declaration order, nulls written, two-space indent,
/// the readable encoder): a test holds the two together on random reports, and the golden audits on every fixture.
/// </summary>
public static class AuditReportJson
{
    public static string Write(AuditReport report) => Encoding.UTF8.GetString(WriteUtf8(report).Span);

    /// <summary>The document as UTF-8, as the writer made it: what goes to stdout, with no string in between.</summary>
    public static ReadOnlyMemory<byte> WriteUtf8(AuditReport report)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, ReadableJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", report.SchemaVersion);
            writer.WriteString("toolVersion", report.ToolVersion);
            WriteHost(writer, report.Host);
            writer.WriteString("profile", report.Profile);
            WriteStrings(writer, "profileConflicts", report.ProfileConflicts);
            if (report.Model is { } model)
            {
                writer.WriteStartObject("model");
                writer.WriteString("source", model.Source);
                writer.WriteNumber("tensorBytes", model.TensorBytes);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("model");
            }

            writer.WriteStartArray("findings");
            foreach (var finding in report.Findings)
            {
                WriteFinding(writer, finding);
            }

            writer.WriteEndArray();
            WriteSummary(writer, report.Summary);
            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private static void WriteHost(Utf8JsonWriter writer, Inspection.HostSummary host)
    {
        writer.WriteStartObject("host");
        writer.WriteString("source", host.Source);
        writer.WriteString("kernel", host.Kernel);
        writer.WriteString("flavor", host.Flavor);
        writer.WriteString("cpuModel", host.CpuModel);
        WriteNumber(writer, "logicalCpus", host.LogicalCpus);
        WriteNumber(writer, "memoryBytes", host.MemoryBytes);
        WriteNumber(writer, "numaNodes", host.NumaNodes);
        WriteNumber(writer, "accelerators", host.Accelerators);
        writer.WriteString("virtualization", host.Virtualization);
        writer.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter writer, Finding finding)
    {
        writer.WriteStartObject();
        writer.WriteString("id", finding.Id);
        writer.WriteString("title", finding.Title);
        writer.WriteString("category", AuditNames.Of(finding.Category));
        writer.WriteString("severity", AuditNames.Of(finding.Severity));
        writer.WriteString("status", AuditNames.Of(finding.Status));
        writer.WriteString("current", finding.Current);
        writer.WriteString("expected", finding.Expected);
        writer.WriteString("why", finding.Why);
        writer.WriteString("note", finding.Note);
        if (finding.Fix is { } fix)
        {
            writer.WriteStartObject("fix");
            writer.WriteString("runtime", fix.Runtime);
            writer.WriteString("persistent", fix.Persistent);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("fix");
        }

        WriteStrings(writer, "profiles", finding.Profiles);
        writer.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter writer, AuditSummary summary)
    {
        writer.WriteStartObject("summary");
        writer.WriteStartObject("counts");
        foreach (var (status, count) in summary.Counts)
        {
            writer.WriteNumber(status, count);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("scores");
        foreach (var score in summary.Scores)
        {
            writer.WriteStartObject();
            writer.WriteString("profile", score.Profile);
            writer.WriteNumber("score", score.Score);
            writer.WriteBoolean("selected", score.Selected);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("verdict", summary.Verdict);
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
