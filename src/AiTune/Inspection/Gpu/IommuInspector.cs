using AiTune.Hosting;
using AiTune.Inspection.Kernel;

namespace AiTune.Inspection.Gpu;

public static class IommuInspector
{
    public static IommuFacts Inspect(HostRoot root, Fact<KernelCommandLine> cmdline) =>
        new(Fact.Unknown<string>(UnknownKind.Unreadable, "not implemented yet"), "", Fact.Unknown<int>(UnknownKind.Unreadable, "not implemented yet"), [],
            Fact.Unknown<string>(UnknownKind.Unreadable, "not implemented yet"));
}
