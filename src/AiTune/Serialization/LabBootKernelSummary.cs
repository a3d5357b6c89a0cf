using AiTune.Services.Lab;

namespace AiTune.Serialization;

/// <summary>One kernel's boots in `lab boot`: how many were healthy, and QEMU's start-to-exit time of those.</summary>
/// <param name="MedianSeconds">Null when no boot was healthy.</param>
public sealed record LabBootKernelSummary(string Kernel, string Release, int Boots, int Healthy, double? MedianSeconds, double? MinSeconds, double? MaxSeconds,
    string? Clocksource)
{
    public static LabBootKernelSummary Of(IReadOnlyList<LabBootCheck> boots)
    {
        var healthy = boots.Where(b => b.Failure is null).Select(b => b.WallSeconds).Order().ToList();
        double? median = healthy.Count == 0 ? null
            : healthy.Count % 2 == 1 ? healthy[healthy.Count / 2] : (healthy[healthy.Count / 2 - 1] + healthy[healthy.Count / 2]) / 2;
        return new LabBootKernelSummary(boots[0].Kernel, boots[0].Release, boots.Count, healthy.Count, median,
            healthy.Count == 0 ? null : healthy[0], healthy.Count == 0 ? null : healthy[^1], boots.Select(b => b.Identity?.Clocksource).OfType<string>().FirstOrDefault());
    }
}
