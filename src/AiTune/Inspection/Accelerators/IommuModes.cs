namespace AiTune.Inspection.Accelerators;

/// <summary>The values of <see cref="IommuFacts.Mode"/>.</summary>
public static class IommuModes
{
    /// <summary>No IOMMU translates DMA (none present, disabled in firmware, or iommu=off).</summary>
    public const string Off = "off";

    /// <summary>Identity domains: devices reach memory untranslated (iommu=pt), the usual choice on GPU servers.</summary>
    public const string Passthrough = "passthrough";

    /// <summary>DMA-FQ domains: translated, IOTLB flushes batched (iommu.strict=0).</summary>
    public const string TranslatedLazy = "translated-lazy";

    /// <summary>DMA domains: translated, every unmap flushed at once (iommu.strict=1).</summary>
    public const string TranslatedStrict = "translated-strict";

    /// <summary>Groups of different types, and no GPU group to decide by.</summary>
    public const string Mixed = "mixed";
}
