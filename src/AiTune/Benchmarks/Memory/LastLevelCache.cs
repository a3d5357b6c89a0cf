using System.Text.RegularExpressions;
using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection;
using AiTune.Inspection.Memory;

namespace AiTune.Benchmarks.Memory;

/// <summary>
/// The host's last-level cache in total, from /sys/devices/system/cpu/cpu*/cache/index*
/// (Documentation/ABI/testing/sysfs-devices-system-cpu): the highest level's data or unified caches, each instance
/// counted once by its shared_cpu_list. STREAM's rule is that each array be 4× the caches, so a two-socket host with
/// two 32 MiB L3s needs arrays of 256 MiB, not 128.
/// </summary>
public static partial class LastLevelCache
{
    private const string CpuDirectory = "/sys/devices/system/cpu";

    /// <summary>Bytes of last-level cache on the host, or unknown when sysfs does not describe the caches (some VMs
    /// and arm64 hosts without cache information in ACPI PPTT or the device tree).</summary>
    public static Fact<long> TotalBytes(HostRoot root)
    {
        var entries = root.List(CpuDirectory);
        if (!entries.TryGet(out var cpus))
        {
            return Fact.Unknown<long>(entries.Reason!);
        }

        var instances = new Dictionary<(long Level, string Shared), long>();
        foreach (var cpu in cpus.Where(e => CpuName().IsMatch(e.Name)))
        {
            string cacheDirectory = $"{CpuDirectory}/{cpu.Name}/cache";
            if (!root.List(cacheDirectory).TryGet(out var indexes))
            {
                continue;
            }

            foreach (var index in indexes.Where(e => e.Name.StartsWith("index", StringComparison.Ordinal)))
            {
                string directory = $"{cacheDirectory}/{index.Name}";
                var level = SysfsFile.ReadLong(root, directory + "/level");
                var type = SysfsFile.ReadString(root, directory + "/type");
                var size = SysfsFile.ReadString(root, directory + "/size").Map(KernelSize.Parse);
                var shared = SysfsFile.ReadString(root, directory + "/shared_cpu_list");
                if (level.IsKnown && type.GetValueOrDefault("") != "Instruction" && size.ValueOrDefault is long bytes && bytes > 0)
                {
                    instances[(level.Value, shared.GetValueOrDefault(cpu.Name))] = bytes;
                }
            }
        }

        if (instances.Count == 0)
        {
            return Fact.Unknown<long>(UnknownKind.Absent, $"{CpuDirectory}/cpu*/cache describes no data or unified cache");
        }

        long highest = instances.Keys.Max(k => k.Level);
        return instances.Where(i => i.Key.Level == highest).Sum(i => i.Value);
    }

    [GeneratedRegex("^cpu[0-9]+$")]
    private static partial Regex CpuName();
}
