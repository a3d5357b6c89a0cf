using AiTune.Profiles;

namespace AiTune.Audit;

/// <summary>The audit's statuses and categories by the names its JSON documents give them (camelCase, as
/// CamelCaseEnumConverter writes them), without the enum reflection that NativeAOT does on the first ToString of an
/// enum type (a tenth of a millisecond per type, in every audit). AuditNamesTests hold them to the converter.</summary>
public static class AuditNames
{
    /// <summary>Every status, in the enum's order.</summary>
    public static IReadOnlyList<FindingStatus> Statuses { get; } =
        [FindingStatus.Pass, FindingStatus.Warn, FindingStatus.Fail, FindingStatus.NotApplicable, FindingStatus.Unknown];

    public static string Of(FindingStatus status) => status switch
    {
        FindingStatus.Pass => "pass",
        FindingStatus.Warn => "warn",
        FindingStatus.Fail => "fail",
        FindingStatus.NotApplicable => "notApplicable",
        FindingStatus.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string Of(Category category) => category switch
    {
        Category.Kernel => "kernel",
        Category.Memory => "memory",
        Category.Cpu => "cpu",
        Category.Storage => "storage",
        Category.Network => "network",
        Category.Gpu => "gpu",
        Category.Cgroups => "cgroups",
        Category.Security => "security",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    public static string Of(Severity severity) => SeverityNames.Of(severity);
}
