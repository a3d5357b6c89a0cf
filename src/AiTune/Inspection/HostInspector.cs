using AiTune.Hosting;
using AiTune.Inspection.Accelerators;
using AiTune.Inspection.Coexistence;
using AiTune.Inspection.Kernel;
using AiTune.Inspection.Memory;
using AiTune.Inspection.Network;
using AiTune.Inspection.Rdma;
using AiTune.Inspection.Security;
using AiTune.Inspection.Storage;

namespace AiTune.Inspection;

/// <summary>Reads a host once, through its <see cref="HostRoot"/>, into <see cref="HostFacts"/>.
/// Files shared by several families (the command line, the mount table, the sysctls) are read once here.</summary>
public static class HostInspector
{
    /// <summary>The sysctls every inspection reads, whatever the profile.</summary>
    public static IEnumerable<string> OwnSysctls =>
        MemoryInspector.SysctlKeys.Concat(NetworkInspector.SysctlKeys).Concat(SecurityInspector.SysctlKeys);

    /// <param name="extraSysctls">Keys beyond the built-in ones (those a profile expects).</param>
    public static HostFacts Inspect(HostRoot root, HostSource source, IEnumerable<string>? extraSysctls = null) =>
        Begin(root, source).Finish(extraSysctls);

    /// <summary>Starts an inspection: the kernel's identity is read, and what needs no other family's facts and no
    /// profile starts on a second CPU (<see cref="SideWork{T}"/>): the kernel's build configuration (the costliest
    /// single read, a compressed file of thousands of options), the block devices, the PCI accelerators, RDMA and
    /// the process table. The caller may load its profiles meanwhile, then <see cref="HostInspection.Finish"/> with
    /// the sysctls they expect. The facts are the same either way: each family reads its own files.</summary>
    public static HostInspection Begin(HostRoot root, HostSource source)
    {
        var identity = KernelInspector.ReadIdentity(root);
        var aside = SideWork<IndependentFamilies>.Start(() => new IndependentFamilies(
            KernelInspector.ReadConfiguration(root, identity),
            StorageInspector.Inspect(root),
            AcceleratorInspector.Inspect(root),
            RdmaInspector.Inspect(root),
            CoexistenceInspector.Inspect(root)), "aitune inspection");
        return new HostInspection(root, source, identity, aside);
    }
}
