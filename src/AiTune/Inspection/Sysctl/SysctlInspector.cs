using AiTune.Hosting;

namespace AiTune.Inspection.Sysctl;

public static class SysctlInspector
{
    public static SysctlFacts Inspect(HostRoot root, IEnumerable<string> keys) =>
        new(keys.ToDictionary(k => k, k => Fact.Unknown<string>(UnknownKind.Unreadable, "not implemented yet")), new Dictionary<string, BootSysctl>(), []);
}
