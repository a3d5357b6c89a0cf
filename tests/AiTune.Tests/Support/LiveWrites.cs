using AiTune.Tuning.Writing;

namespace AiTune.Tests.Support;

/// <summary>Whether tests may change this machine's kernel settings: only with AITUNE_LIVE_WRITE_TESTS=1 (.ci/run
/// sets it; CI is a disposable VM) and as root. Such tests restore what they change.</summary>
public static class LiveWrites
{
    public static bool Allowed => Environment.GetEnvironmentVariable("AITUNE_LIVE_WRITE_TESTS") == "1" && DurableFiles.IsRoot;
}
