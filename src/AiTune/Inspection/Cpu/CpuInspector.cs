using AiTune.Hosting;

namespace AiTune.Inspection.Cpu;

public static class CpuInspector
{
    private static readonly UnknownReason Todo = new(UnknownKind.Unreadable, "not implemented yet");

    public static CpuFacts Inspect(HostRoot root) =>
        new(Fact.Unknown<string>(Todo), Fact.Unknown<string>(Todo), Fact.Unknown<int>(Todo), Fact.Unknown<int>(Todo), Fact.Unknown<int>(Todo),
            Fact.Unknown<string>(Todo), Fact.Unknown<bool>(Todo), Fact.Unknown<IReadOnlyList<string>>(Todo), Fact.Unknown<bool>(Todo), Fact.Unknown<string>(Todo),
            [], Fact.Unknown<bool>(Todo), Fact.Unknown<string>(Todo), Fact.Unknown<CpuIdle>(Todo), Fact.Unknown<string>(Todo), Fact.Unknown<string>(Todo),
            Fact.Unknown<IReadOnlyList<CpuVulnerability>>(Todo));
}
