using AiTune.Hosting;

namespace AiTune.Inspection.Kernel;

public static class KernelInspector
{
    private static readonly UnknownReason Todo = new(UnknownKind.Unreadable, "not implemented yet");

    public static KernelFacts Inspect(HostRoot root, HostSource source) =>
        new(Fact.Unknown<string>(Todo), Fact.Unknown<string>(Todo), Fact.Unknown<string>(Todo), Fact.Unknown<KernelFlavor>(Todo),
            Fact.Unknown<LongtermStatus>(Todo), Fact.Unknown<PreemptionModel>(Todo), Fact.Unknown<bool>(Todo), Fact.Unknown<int>(Todo),
            Fact.Unknown<string>(Todo), Fact.Unknown<IReadOnlyDictionary<string, string>>(Todo), Fact.Unknown<KernelCommandLine>(Todo),
            Fact.Unknown<KernelTaint>(Todo), Fact.Unknown<string>(Todo));
}
