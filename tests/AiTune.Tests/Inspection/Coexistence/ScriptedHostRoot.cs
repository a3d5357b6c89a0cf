using System.Text;
using AiTune.Facts;
using AiTune.Hosting;

namespace AiTune.Tests.Inspection.Coexistence;

/// <summary>A host held in memory that can do what no scratch directory does: list a process that is gone by the
/// time it is read, fail a read as the kernel fails it (ESRCH from an exiting process, EPERM from lockdown), or
/// list more entries than it would be sensible to create on disk.</summary>
internal sealed class ScriptedHostRoot : HostRoot
{
    private readonly Dictionary<string, byte[]> files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UnknownReason> readFailures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Fact<IReadOnlyList<HostEntry>>> listings = new(StringComparer.Ordinal);

    public override string Description => "scripted host";

    /// <summary>Whether the host stands for the running system (what a live /proc can be trusted to list).</summary>
    public bool Live { get; init; }

    public override bool IsLive => Live;

    public ScriptedHostRoot File(string path, string content) => File(path, Encoding.UTF8.GetBytes(content));

    public ScriptedHostRoot File(string path, byte[] content)
    {
        files[path] = content;
        return this;
    }

    /// <summary>A file that exists but whose read fails with <paramref name="reason"/>.</summary>
    public ScriptedHostRoot FailingFile(string path, UnknownReason reason)
    {
        readFailures[path] = reason;
        return this;
    }

    /// <summary>What listing <paramref name="directory"/> answers, whatever the directory holds.</summary>
    public ScriptedHostRoot Listing(string directory, Fact<IReadOnlyList<HostEntry>> entries)
    {
        listings[directory] = entries;
        return this;
    }

    protected override NodeInfo Lstat(string canonicalPath) =>
        files.ContainsKey(canonicalPath) || readFailures.ContainsKey(canonicalPath) ? NodeInfo.Of(HostEntryKind.File)
        : listings.ContainsKey(canonicalPath) || Paths.Concat(listings.Keys).Any(p => p.StartsWith(canonicalPath + "/", StringComparison.Ordinal)) ? NodeInfo.Of(HostEntryKind.Directory)
        : NodeInfo.Missing;

    protected override string ReadLinkTarget(string canonicalPath) => "";

    protected override Fact<byte[]> ReadFile(string canonicalPath, string displayPath, int maxBytes)
    {
        if (readFailures.TryGetValue(canonicalPath, out var reason))
        {
            return Fact.Unknown<byte[]>(reason);
        }

        var content = files[canonicalPath];
        return content.Length > maxBytes
            ? Fact.Unknown<byte[]>(UnknownKind.Unreadable, $"{displayPath} is larger than {maxBytes} bytes (read bounded)")
            : content;
    }

    protected override Fact<IReadOnlyList<HostEntry>> ListDirectory(string canonicalPath, string displayPath)
    {
        if (listings.TryGetValue(canonicalPath, out var listing))
        {
            return listing;
        }

        var prefix = canonicalPath == "/" ? "/" : canonicalPath + "/";
        return Paths.Where(p => p.StartsWith(prefix, StringComparison.Ordinal))
            .Select(p => p[prefix.Length..])
            .Select(rest => rest.Contains('/') ? new HostEntry(rest[..rest.IndexOf('/')], HostEntryKind.Directory) : new HostEntry(rest, HostEntryKind.File))
            .DistinctBy(e => e.Name)
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
    }

    private IEnumerable<string> Paths => files.Keys.Concat(readFailures.Keys);
}
