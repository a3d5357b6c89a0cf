using System.Text.Json;
using AiTune.Audit;
using AiTune.Inspection;
using AiTune.Profiles;
using AiTune.Serialization;
using CsCheck;

namespace AiTune.Tests.Serialization;

public sealed class AuditReportJsonTests
{
    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.OneOfConst("", "\"", "\\", "\n\t\u0000\u001b[2J", ">= 262144 <b>&'+", "é ü 中文 🙂", "\u2028\u2029\u202e"),
        Gen.String,
        Gen.String[Gen.Char.AlphaNumeric, 0, 20]);

    private static readonly Gen<string?> MaybeText = Text.Null();

    private static readonly Gen<Finding> AnyFinding = Gen.Select(
            Gen.Select(Text, Text, Gen.Enum<Category>(), Gen.Enum<Severity>(), Gen.Enum<FindingStatus>(), Text, Text, Text),
            Gen.Select(MaybeText, Gen.Select(MaybeText, MaybeText).Select((r, p) => new Fix(r, p)).Null(), Text.List[0, 3]))
        .Select((a, b) => new Finding(a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, a.Item6, a.Item7, a.Item8, b.Item1, b.Item2, b.Item3));

    private static readonly Gen<HostSummary> AnyHost = Gen.Select(
            Gen.Select(Text, MaybeText, MaybeText, MaybeText, Gen.Int.Nullable()),
            Gen.Select(Gen.Long.Nullable(), Gen.Int.Nullable(), Gen.Int.Nullable(), MaybeText))
        .Select((a, b) => new HostSummary(a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, b.Item1, b.Item2, b.Item3, b.Item4));

    private static readonly Gen<AuditSummary> AnySummary = Gen.Select(
            Gen.Dictionary(Gen.String[Gen.Char.AlphaNumeric, 1, 12], Gen.Int)[0, 5],
            Gen.Select(Text, Gen.Int, Gen.Bool).Select((p, s, selected) => new ProfileScore(p, s, selected)).List[0, 5],
            Text)
        .Select((counts, scores, verdict) => new AuditSummary(counts, scores, verdict));

    private static readonly Gen<AuditReport> AnyReport = Gen.Select(
            Gen.Select(Gen.Int, Text, AnyHost, Text, Text.List[0, 2]),
            Gen.Select(Text, Gen.Long).Select((source, bytes) => new ModelRequirement(source, bytes)).Null(),
            AnyFinding.List[0, 4],
            AnySummary)
        .Select((a, model, findings, summary) => new AuditReport(a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, model, findings, summary));

    [Fact]
    public void A_report_is_written_as_the_serializer_wrote_it()
    {
        AnyReport.Sample(report =>
            Assert.Equal(JsonSerializer.Serialize(report, SerializerAuditContext.Readable.AuditReport), AuditReportJson.Write(report)),
            iter: 1000);
    }

    [Fact]
    public void Enums_are_camel_case_as_the_schema_names_them()
    {
        var finding = new Finding("MEM001", "t", Category.Gpu, Severity.Critical, FindingStatus.NotApplicable, "c", "e", "w", null, null, []);
        var report = new AuditReport(1, "v", new HostSummary("s", null, null, null, null, null, null, null, null), "p", [], null, [finding],
            new AuditSummary(new Dictionary<string, int>(), [], "v"));
        using var document = JsonDocument.Parse(AuditReportJson.Write(report));
        var written = document.RootElement.GetProperty("findings")[0];
        Assert.Equal("gpu", written.GetProperty("category").GetString());
        Assert.Equal("critical", written.GetProperty("severity").GetString());
        Assert.Equal("notApplicable", written.GetProperty("status").GetString());
    }
}
