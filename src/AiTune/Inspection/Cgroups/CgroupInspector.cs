using AiTune.Hosting;
using AiTune.Inspection.Mounts;

namespace AiTune.Inspection.Cgroups;

public static class CgroupInspector
{
    public static CgroupFacts Inspect(HostRoot root, Fact<IReadOnlyList<Mount>> mounts) =>
        new(Fact.Unknown<CgroupVersion>(UnknownKind.Unreadable, "not implemented yet"), [], Fact.Unknown<IReadOnlyList<string>>(UnknownKind.Unreadable, "not implemented yet"),
            Fact.Unknown<IReadOnlyList<string>>(UnknownKind.Unreadable, "not implemented yet"), Fact.Unknown<bool>(UnknownKind.Unreadable, "not implemented yet"));
}
