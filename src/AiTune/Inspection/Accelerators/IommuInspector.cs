using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection.Kernel;

namespace AiTune.Inspection.Accelerators;

/// <summary>
/// Reads the IOMMU mode from what the kernel did (the default domain type of each group in
/// /sys/kernel/iommu_groups) and falls back on what the command line asked only where that cannot be seen.
/// </summary>
public static class IommuInspector
{
    private const string GroupsDirectory = "/sys/kernel/iommu_groups";
    private const string NvidiaVersionPath = "/proc/driver/nvidia/version";

    public static IommuFacts Inspect(HostRoot root, Fact<KernelCommandLine> cmdline)
    {
        var commandLine = cmdline.ValueOrDefault;
        IReadOnlyList<string> parameters = commandLine is null ? [] : IommuCommandLine.Parameters(commandLine);
        var groups = ReadGroups(root);
        var (mode, evidence) = groups.TryGet(out var names)
            ? ModeFromGroups(root, names, commandLine, parameters)
            : ModeFromCommandLine(commandLine, $"{GroupsDirectory} could not be read ({groups.Reason})", groups.Reason!);
        if (commandLine is null)
        {
            evidence += $"; command line unknown ({cmdline.Reason})";
        }

        return new IommuFacts(mode, evidence, groups.Map(list => list.Count), parameters,
            root.ReadText(NvidiaVersionPath).Bind(text => NvidiaVersionParser.Parse(NvidiaVersionPath, text)));
    }

    /// <summary>The group numbers. The directory exists whenever the kernel has IOMMU support; a tree without it
    /// has no groups, which is a fact (no IOMMU translates DMA), not an unknown.</summary>
    private static Fact<IReadOnlyList<string>> ReadGroups(HostRoot root)
    {
        var entries = root.List(GroupsDirectory);
        if (entries.Reason?.Kind == UnknownKind.Absent)
        {
            return Fact.Known<IReadOnlyList<string>>([]);
        }

        return entries.Map(list => (IReadOnlyList<string>)list
            .Where(entry => entry.Name.Length > 0 && entry.Name.All(char.IsAsciiDigit))
            .ToList()
            .ConvertAll(entry => entry.Name));
    }

    private static (Fact<string> Mode, string Evidence) ModeFromGroups(
        HostRoot root, IReadOnlyList<string> groups, KernelCommandLine? cmdline, IReadOnlyList<string> parameters)
    {
        if (groups.Count == 0)
        {
            var evidence = $"no IOMMU groups in {GroupsDirectory}: no IOMMU translates DMA";
            var requested = cmdline is null ? null : IommuCommandLine.RequestedMode(cmdline);
            if (parameters.Count > 0 && requested?.Mode != IommuModes.Off)
            {
                evidence += $", although the command line has {string.Join(' ', parameters)} (no IOMMU in the hardware, " +
                    "disabled in the firmware, or the kernel lacks its driver)";
            }

            return (IommuModes.Off, evidence);
        }

        var modes = new List<(string Group, string Mode)>();
        foreach (var group in groups)
        {
            string path = $"{GroupsDirectory}/{group}/type";
            if (root.ReadText(path).Bind(text => IommuGroupTypeParser.ParseMode(path, text)).TryGet(out var mode) && mode is not null)
            {
                modes.Add((group, mode));
            }
        }

        if (modes.Count == 0)
        {
            var why = $"{groups.Count} IOMMU groups but no readable group type (the type file came in Linux 5.11)";
            return cmdline is null
                ? (Fact.Unknown<string>(UnknownKind.Unreadable, why), why)
                : ModeFromCommandLine(cmdline, why, new UnknownReason(UnknownKind.Unreadable, why));
        }

        var distinct = modes.Select(m => m.Mode).Distinct().Order(StringComparer.Ordinal).ToList();
        if (distinct.Count == 1)
        {
            return (distinct[0], $"all {modes.Count} typed IOMMU groups are {distinct[0]} ({GroupsDirectory}/*/type)");
        }

        var census = string.Join(", ", distinct.Select(d => $"{d}: {modes.Count(m => m.Mode == d)}"));
        var acceleratorGroups = modes.Where(m => HasAccelerator(root, m.Group)).ToList();
        var acceleratorModes = acceleratorGroups.Select(m => m.Mode).Distinct().ToList();
        if (acceleratorModes.Count == 1)
        {
            return (acceleratorModes[0], $"IOMMU groups differ ({census}); the accelerator groups ({string.Join(", ", acceleratorGroups.Select(g => g.Group))}) are {acceleratorModes[0]}");
        }

        return (IommuModes.Mixed, $"IOMMU groups differ ({census}) and no single mode holds for the accelerator groups");
    }

    /// <summary>Whether a group holds an accelerator (its devices/ entries link to the PCI devices): a BMC's display
    /// adapter in its own group does not decide the mode the GPUs see.</summary>
    private static bool HasAccelerator(HostRoot root, string group)
    {
        string devices = $"{GroupsDirectory}/{group}/devices";
        return root.List(devices).TryGet(out var entries)
            && entries.Any(entry => AcceleratorInspector.IsAccelerator(root, $"{devices}/{entry.Name}"));
    }

    private static (Fact<string> Mode, string Evidence) ModeFromCommandLine(KernelCommandLine? cmdline, string why, UnknownReason unknown)
    {
        var requested = cmdline is null ? null : IommuCommandLine.RequestedMode(cmdline);
        return requested is { } found
            ? (found.Mode, $"{why}; taken from the command line ({found.Parameter})")
            : (Fact.Unknown<string>(unknown), $"{why}; the command line does not set the mode");
    }
}
