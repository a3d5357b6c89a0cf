using AiTune.Facts;
using AiTune.Hosting;

namespace AiTune.Tests.Inspection.Cgroups;

/// <summary>A host of regular files held in memory whose reads fail as a given kernel file's read fails (EOPNOTSUPP
/// from /proc/pressure on older kernels with psi=0), which no file in a temporary directory can do.</summary>
internal sealed class FailingReadHostRoot(IReadOnlyDictionary<string, string> files, UnknownReason readFailure) : HostRoot
{
    public override string Description => "in-memory host";

    protected override NodeInfo Lstat(string canonicalPath) =>
        files.ContainsKey(canonicalPath) ? NodeInfo.Of(HostEntryKind.File)
        : files.Keys.Any(path => path.StartsWith(canonicalPath + "/", StringComparison.Ordinal)) ? NodeInfo.Of(HostEntryKind.Directory)
        : NodeInfo.Missing;

    protected override string ReadLinkTarget(string canonicalPath) => "";

    protected override Fact<byte[]> ReadFile(string canonicalPath, string displayPath, int maxBytes) => Fact.Unknown<byte[]>(readFailure);

    protected override Fact<IReadOnlyList<HostEntry>> ListDirectory(string canonicalPath, string displayPath) =>
        Fact.Unknown<IReadOnlyList<HostEntry>>(readFailure);
}
