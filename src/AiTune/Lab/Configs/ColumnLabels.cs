using AiTune.Inspection.Kernel;

namespace AiTune.Lab.Configs;

/// <summary>Short column headings for kernels, so four fit side by side in 80 columns: the version and, for a
/// flavor other than generic, its name ("6.1", "6.1-rt", "6.12"); the whole label where that would not tell two
/// kernels apart, numbered where even the labels are the same.</summary>
public static class ColumnLabels
{
    public static IReadOnlyList<string> For(IReadOnlyList<string> labels)
    {
        var shortLabels = labels.Select(Short).ToList();
        // The whole label only where it tells kernels apart that the short one does not; the same kernel twice is numbered.
        var columns = labels.Select((label, i) => Enumerable.Range(0, labels.Count).Any(j => shortLabels[j] == shortLabels[i] && labels[j] != label) ? label : shortLabels[i]).ToList();
        return columns.Select((column, i) => columns.Count(c => c == column) > 1 ? $"{column}#{columns.Take(i + 1).Count(c => c == column)}" : column).ToList();
    }

    private static string Short(string label)
    {
        var version = KernelVersion.FromRelease(label);
        if (!version.IsKnown)
        {
            return label;
        }

        var flavor = KernelFlavorDetector.Detect(label, null, null);
        return flavor.Name is "generic" or "lts" ? version.Value.ToString() : $"{version.Value}-{flavor.Name}";
    }
}
