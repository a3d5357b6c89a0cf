using AiTune.Facts;
using AiTune.Text;

namespace AiTune.Inspection.Accelerators;

/// <summary>
/// /sys/kernel/iommu_groups/N/type (Linux 5.11+). Documentation/ABI/testing/sysfs-kernel-iommu_groups: "DMA -
/// All the DMA transactions from the device in this group are translated by the iommu. DMA-FQ - As above, but
/// using batched invalidation to lazily remove translations after use. identity - All the DMA transactions from
/// the device in this group are not translated by the iommu." The kernel also prints "blocked", "unmanaged" and
/// "unknown", which say nothing about the default mode.
/// </summary>
public static class IommuGroupTypeParser
{
    /// <summary>The mode the group's default domain runs in; null for a type that names no mode.</summary>
    public static Fact<string?> ParseMode(string path, string text) => text.Trim() switch
    {
        "identity" => IommuModes.Passthrough,
        "DMA" => IommuModes.TranslatedStrict,
        "DMA-FQ" => IommuModes.TranslatedLazy,
        "blocked" or "unmanaged" or "unknown" => Fact.Known<string?>(null),
        var other => Fact.Unknown<string?>(UnknownReason.Malformed(path, $"unknown group type '{DisplayText.Shorten(other)}'")),
    };
}
