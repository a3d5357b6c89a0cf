using AiTune.Hosting;
using AiTune.Inspection.Accelerators;
using AiTune.Inspection.Cgroups;
using AiTune.Inspection.Cpu;
using AiTune.Inspection.Kernel;
using AiTune.Inspection.Memory;
using AiTune.Inspection.Mounts;
using AiTune.Inspection.Network;
using AiTune.Inspection.Security;
using AiTune.Inspection.Sysctl;
using AiTune.Inspection.Virtualization;

namespace AiTune.Inspection;

/// <summary>An inspection under way (<see cref="HostInspector.Begin"/>): the families that need nothing from the
/// caller are being read on a second CPU; <see cref="Finish"/> reads the others and hands back the facts.</summary>
public sealed class HostInspection
{
    private readonly HostRoot root;
    private readonly HostSource source;
    private readonly KernelIdentity identity;
    private readonly SideWork<IndependentFamilies> aside;

    internal HostInspection(HostRoot root, HostSource source, KernelIdentity identity, SideWork<IndependentFamilies> aside) =>
        (this.root, this.source, this.identity, this.aside) = (root, source, identity, aside);

    /// <summary>Reads the families that depend on others or on the profiles, waits for the second CPU's, and
    /// returns every fact. Files shared by several families (the command line, the mount table, the sysctls) are
    /// read once.</summary>
    /// <param name="extraSysctls">Keys beyond the built-in ones (those a profile expects).</param>
    public HostFacts Finish(IEnumerable<string>? extraSysctls = null)
    {
        var keys = HostInspector.OwnSysctls
            .Concat(extraSysctls ?? [])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var sysctls = SysctlInspector.Inspect(root, keys, identity);
        var mounts = MountTable.Read(root);
        var security = SecurityInspector.Inspect(root);
        var cpu = CpuInspector.Inspect(root, identity.Release, identity.Cmdline, security.Lockdown);
        var memory = MemoryInspector.Inspect(root, sysctls, identity.Cmdline, mounts);
        var iommu = IommuInspector.Inspect(root, identity.Cmdline);
        var cgroups = CgroupInspector.Inspect(root, mounts);
        var virtualization = VirtualizationInspector.Inspect(root, cpu);
        var independent = aside.Join();
        return new HostFacts(
            source,
            KernelInspector.Inspect(root, source, identity, independent.KernelConfiguration),
            memory,
            cpu,
            independent.Storage,
            NetworkInspector.Inspect(sysctls),
            independent.Rdma,
            independent.Pci.Accelerators,
            independent.Pci.DisplayAdapters,
            iommu,
            cgroups,
            security,
            virtualization,
            sysctls,
            independent.Coexistence);
    }
}
