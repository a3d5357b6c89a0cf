using AiTune.Hosting;
using AiTune.Inspection.Cgroups;
using AiTune.Inspection.Coexistence;
using AiTune.Inspection.Cpu;
using AiTune.Inspection.Accelerators;
using AiTune.Inspection.Kernel;
using AiTune.Inspection.Memory;
using AiTune.Inspection.Mounts;
using AiTune.Inspection.Network;
using AiTune.Inspection.Rdma;
using AiTune.Inspection.Security;
using AiTune.Inspection.Storage;
using AiTune.Inspection.Sysctl;
using AiTune.Inspection.Virtualization;

namespace AiTune.Inspection;

/// <summary>Reads a host once, through its <see cref="HostRoot"/>, into <see cref="HostFacts"/>.
/// Files shared by several families (the command line, the mount table, the sysctls) are read once here.</summary>
public static class HostInspector
{
    /// <summary>The sysctls every inspection reads, whatever the profile.</summary>
    public static IEnumerable<string> OwnSysctls =>
        MemoryInspector.SysctlKeys.Concat(NetworkInspector.SysctlKeys).Concat(SecurityInspector.SysctlKeys);

    /// <param name="extraSysctls">Keys beyond the built-in ones (those a profile expects).</param>
    public static HostFacts Inspect(HostRoot root, HostSource source, IEnumerable<string>? extraSysctls = null)
    {
        var keys = OwnSysctls
            .Concat(extraSysctls ?? [])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var kernel = KernelInspector.Inspect(root, source);
        var sysctls = SysctlInspector.Inspect(root, keys, kernel);
        var mounts = MountTable.Read(root);
        var security = SecurityInspector.Inspect(root);
        var cpu = CpuInspector.Inspect(root, kernel, security.Lockdown);
        var pci = AcceleratorInspector.Inspect(root);
        return new HostFacts(
            source,
            kernel,
            MemoryInspector.Inspect(root, sysctls, kernel.Cmdline, mounts),
            cpu,
            StorageInspector.Inspect(root),
            NetworkInspector.Inspect(sysctls),
            RdmaInspector.Inspect(root),
            pci.Accelerators,
            pci.DisplayAdapters,
            IommuInspector.Inspect(root, kernel.Cmdline),
            CgroupInspector.Inspect(root, mounts),
            security,
            VirtualizationInspector.Inspect(root, cpu),
            sysctls,
            CoexistenceInspector.Inspect(root));
    }
}
