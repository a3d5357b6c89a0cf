using AiTune.Hosting;
using AiTune.Inspection.Cpu;

namespace AiTune.Inspection.Virtualization;

public static class VirtualizationInspector
{
    public static VirtualizationFacts Inspect(HostRoot root, CpuFacts cpu) =>
        new(Fact.Unknown<bool>(UnknownKind.Unreadable, "not implemented yet"), Fact.Unknown<string>(UnknownKind.Unreadable, "not implemented yet"), "");
}
