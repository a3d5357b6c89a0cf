using AiTune.Facts;
using AiTune.Inspection.Accelerators;
using AiTune.Inspection.Coexistence;
using AiTune.Inspection.Kernel;
using AiTune.Inspection.Rdma;
using AiTune.Inspection.Storage;

namespace AiTune.Inspection;

/// <summary>What an inspection reads on its second thread, needing no other family's facts.</summary>
internal sealed record IndependentFamilies(
    Fact<KernelInspector.ConfigRead> KernelConfiguration,
    StorageFacts Storage,
    AcceleratorInventory Pci,
    Fact<IReadOnlyList<RdmaDevice>> Rdma,
    CoexistenceFacts Coexistence);
