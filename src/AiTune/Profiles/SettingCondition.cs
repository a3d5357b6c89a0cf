using AiTune.Facts;
using AiTune.Inspection;
using AiTune.Knobs;

namespace AiTune.Profiles;

/// <summary>When a setting applies (<c>when = { ... }</c>): every stated condition must hold. A condition on a fact
/// the host could not establish is neither true nor false, so the setting is skipped and says why.</summary>
/// <param name="Virtualization">Alternatives: "none" (bare metal), "vm" (any hypervisor), or a hypervisor name.</param>
/// <param name="GpuVendor">Alternatives among nvidia, amd, intel, none: holds when any GPU is of one of them.</param>
/// <param name="Kernel">The kernel version range ("&gt;=5.15,&lt;6.1").</param>
/// <param name="Rotational">Whether the host has a rotational drive.</param>
/// <param name="NumaNodes">The NUMA node count range ("&gt;=2").</param>
/// <param name="Flavor">Alternatives: a kernel flavor name ("rt"), or name/variant ("cloud/aws").</param>
public sealed record SettingCondition(
    IReadOnlyList<string>? Virtualization,
    IReadOnlyList<string>? GpuVendor,
    NumericRange? Kernel,
    bool? Rotational,
    NumericRange? NumaNodes,
    IReadOnlyList<string>? Flavor)
{
    public static readonly IReadOnlyList<string> Keys = ["virtualization", "gpu_vendor", "kernel", "rotational", "numa_nodes", "flavor"];

    /// <summary>Why the setting does not apply to this host, or null when every condition holds.</summary>
    public string? SkipReason(HostFacts facts)
    {
        var outcomes = new[]
        {
            Virtualization is null ? null : CheckVirtualization(facts, Virtualization),
            GpuVendor is null ? null : CheckGpuVendor(facts, GpuVendor),
            Kernel is null ? null : CheckKernel(facts, Kernel),
            Rotational is null ? null : CheckRotational(facts, Rotational.Value),
            NumaNodes is null ? null : CheckNumaNodes(facts, NumaNodes),
            Flavor is null ? null : CheckFlavor(facts, Flavor),
        };

        // A condition that definitely fails explains the skip better than one that could not be judged.
        return outcomes.FirstOrDefault(o => o is { Unknown: false })?.Reason ?? outcomes.FirstOrDefault(o => o is not null)?.Reason;
    }

    public override string ToString()
    {
        var parts = new List<string>();
        Add("virtualization", Virtualization is null ? null : string.Join('|', Virtualization));
        Add("gpu_vendor", GpuVendor is null ? null : string.Join('|', GpuVendor));
        Add("kernel", Kernel?.Text);
        Add("rotational", Rotational is null ? null : Rotational.Value ? "true" : "false");
        Add("numa_nodes", NumaNodes?.Text);
        Add("flavor", Flavor is null ? null : string.Join('|', Flavor));
        return string.Join(", ", parts);

        void Add(string key, string? value)
        {
            if (value is not null)
            {
                parts.Add($"{key} {value}");
            }
        }
    }

    private sealed record Outcome(string Reason, bool Unknown);

    private static Outcome Unknown(string key, UnknownReason reason) => new($"{key} is unknown: {reason.Detail}", true);

    private static Outcome? Judge(bool holds, string key, string current, string wanted) =>
        holds ? null : new Outcome($"{key} is {current}; the setting applies when {key} is {wanted}", false);

    private static Outcome? CheckVirtualization(HostFacts facts, IReadOnlyList<string> wanted)
    {
        if (!facts.Virtualization.Hypervisor.TryGet(out var hypervisor))
        {
            return Unknown("virtualization", facts.Virtualization.Hypervisor.Reason!);
        }

        bool holds = wanted.Any(w => w == hypervisor || (w == "vm" && hypervisor != "none"));
        return Judge(holds, "virtualization", hypervisor == "none" ? "none (bare metal)" : hypervisor, string.Join('|', wanted));
    }

    private static Outcome? CheckGpuVendor(HostFacts facts, IReadOnlyList<string> wanted)
    {
        if (!facts.Accelerators.TryGet(out var accelerators))
        {
            return Unknown("gpu_vendor", facts.Accelerators.Reason!);
        }

        // The GPUs among the accelerators: a BMC's display adapter is no GPU, and an NPU or a Gaudi is no GPU either.
        var gpus = accelerators.Where(a => a.Kind == Inspection.Accelerators.AcceleratorKinds.Gpu).ToList();
        var vendors = gpus.Count == 0 ? ["none"] : gpus.Select(g => g.Vendor).Distinct().Order(StringComparer.Ordinal).ToList();
        if (vendors.Any(wanted.Contains))
        {
            return null;
        }

        if (vendors.Contains("unknown"))
        {
            return Unknown("gpu_vendor", new UnknownReason(UnknownKind.Unreadable, "the vendor of a GPU could not be read"));
        }

        return Judge(false, "gpu_vendor", string.Join('+', vendors), string.Join('|', wanted));
    }

    private static Outcome? CheckKernel(HostFacts facts, NumericRange wanted)
    {
        if (!facts.Kernel.Release.TryGet(out var release))
        {
            return Unknown("kernel", facts.Kernel.Release.Reason!);
        }

        if (NumericRange.LeadingNumbers(release, 3) is not { } version)
        {
            return Unknown("kernel", new UnknownReason(UnknownKind.Malformed, $"the release '{release}' does not start with a version number"));
        }

        return Judge(wanted.Contains(version), "kernel", release, wanted.Text);
    }

    private static Outcome? CheckRotational(HostFacts facts, bool wanted)
    {
        if (!facts.Storage.Devices.TryGet(out var devices))
        {
            return Unknown("rotational", facts.Storage.Devices.Reason!);
        }

        var drives = devices.Where(d => KnobReader.DeviceClassOf(d) is not null).ToList();
        bool has = drives.Any(d => d.Rotational.TryGet(out var r) && r);
        if (!has && drives.FirstOrDefault(d => !d.Rotational.IsKnown) is { } unread)
        {
            return Unknown("rotational", unread.Rotational.Reason!);
        }

        return Judge(has == wanted, "rotational", has ? "true (the host has a rotational drive)" : "false (no rotational drive)", wanted ? "true" : "false");
    }

    private static Outcome? CheckNumaNodes(HostFacts facts, NumericRange wanted)
    {
        if (!facts.Memory.NumaNodes.TryGet(out var nodes))
        {
            return Unknown("numa_nodes", facts.Memory.NumaNodes.Reason!);
        }

        return Judge(wanted.Contains([nodes.Count]), "numa_nodes", nodes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), wanted.Text);
    }

    private static Outcome? CheckFlavor(HostFacts facts, IReadOnlyList<string> wanted)
    {
        if (!facts.Kernel.Flavor.TryGet(out var flavor))
        {
            return Unknown("flavor", facts.Kernel.Flavor.Reason!);
        }

        var full = flavor.Variant is null ? flavor.Name : $"{flavor.Name}/{flavor.Variant}";
        return Judge(wanted.Contains(flavor.Name) || wanted.Contains(full), "flavor", full, string.Join('|', wanted));
    }
}
