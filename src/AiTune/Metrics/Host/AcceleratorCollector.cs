using System.Globalization;
using AiTune.Facts;
using AiTune.Inspection.Accelerators;

namespace AiTune.Metrics.Host;

/// <summary>One info series per accelerator (GPU, NPU, AI accelerator) and its memory where the driver exposes it.
/// Device names come from the driver and may hold any text: the writer escapes them.</summary>
public sealed class AcceleratorCollector(Fact<IReadOnlyList<Accelerator>> accelerators) : IMetricCollector
{
    public string Name => "accelerators";

    public void Collect(CollectorOutput output)
    {
        if (output.KnownObject(accelerators, "accelerators") is not { } devices)
        {
            return;
        }

        var info = new List<MetricSample>();
        var memory = new List<MetricSample>();
        foreach (var device in devices)
        {
            string where = "accelerator " + device.PciAddress;
            var model = output.KnownObject(device.Model, where + " model");
            var driver = device.Driver.TryGet(out var bound) ? bound
                : device.Driver.Reason!.Kind == UnknownKind.Absent ? "" : Unknown(output, where + " driver", device.Driver.Reason!);
            var node = output.Known(device.NumaNode, where + " NUMA node");
            info.Add(MetricSample.Of(1,
                ("vendor", device.Vendor),
                ("model", model ?? ""),
                ("driver", driver),
                ("numa_node", node?.ToString(CultureInfo.InvariantCulture) ?? ""),
                ("pci_address", device.PciAddress)));
            if (device.MemoryBytes.TryGet(out var bytes))
            {
                memory.Add(MetricSample.Of(bytes, ("pci_address", device.PciAddress)));
            }
        }

        output.Gauge("aitune_accelerator_info", "One series per accelerator: vendor, model as the driver names it, bound driver (empty when none), NUMA node (-1: the firmware did not say) and PCI address; always 1", info);
        output.Gauge("aitune_accelerator_memory_bytes", "Device memory where the driver exposes it (amdgpu's mem_info_vram_total), in bytes", memory);
    }

    private static string Unknown(CollectorOutput output, string what, UnknownReason reason)
    {
        output.Unknown(what, reason);
        return "";
    }
}
