using System.Text.Json;
using AiTune.Facts;
using AiTune.Files;
using AiTune.Hosting;
using AiTune.Inspection;
using AiTune.Interop;
using AiTune.Text;

namespace AiTune.Snapshots;

/// <summary>Turns the --root argument into a HostRoot: "/" (the live host), a directory holding a host tree,
/// or a snapshot archive. A plain tree without aitune's metadata works: the kernel identity then comes from
/// proc/sys/kernel/osrelease and proc/version.</summary>
public static class HostRootOpener
{
    private const int MaxMetadataBytes = 16 << 20;
    private const string RootHint = "pass / (the live host), a host tree directory, or a snapshot .tar.gz";

    public static (HostRoot Root, HostSource Source) Open(string? rootArgument, string toolVersion)
    {
        var argument = string.IsNullOrEmpty(rootArgument) ? "/" : rootArgument;
        var shown = DisplayText.FilePath(argument);
        var full = Path.GetFullPath(argument);
        if (full == "/")
        {
            var uname = Interop.Uname.Read();
            return (new FileSystemHostRoot("/"), new HostSource("the live host", true, DateTimeOffset.UtcNow, toolVersion, uname?.Machine));
        }

        try
        {
            if (Directory.Exists(full))
            {
                RequireSearchable(full, argument);
                if (!Directory.Exists(Path.Combine(full, "proc")) && !Directory.Exists(Path.Combine(full, "sys")))
                {
                    throw new AiTuneException($"{shown} is not a host tree: it has neither proc/ nor sys/",
                        "pass / for this host, a directory holding proc/, sys/, etc/ … captured from a host, or a .tar.gz from 'aitune snapshot'");
                }

                var metadataPath = Path.Combine(full, SnapshotMetadata.FileName);
                var metadata = File.Exists(metadataPath) ? ParseMetadata(ReadBounded(metadataPath), DisplayText.FilePath(metadataPath)) : null;
                return (new FileSystemHostRoot(full) { RecordedFailures = Failures(metadata) }, Source($"host tree {argument}", metadata));
            }

            if (File.Exists(full))
            {
                var archive = ArchiveHostRoot.Load(full);
                var bytes = archive.ReadMember(SnapshotMetadata.FileName);
                var metadata = bytes is null ? null : ParseMetadata(bytes, shown + ":" + SnapshotMetadata.FileName);
                if (!archive.Exists("/proc") && !archive.Exists("/sys"))
                {
                    throw new AiTuneException($"{shown} holds no host tree: it has neither proc/ nor sys/", "pass a .tar.gz written by 'aitune snapshot'");
                }

                archive.RecordedFailures = Failures(metadata);
                return (archive, Source($"snapshot {Path.GetFileName(full)}", metadata));
            }
        }
        catch (Exception e) when (FileErrors.IsFileError(e))
        {
            throw FileErrors.Reading(argument, e, RootHint);
        }

        // Exists is false for a path that cannot be looked at, too: say which.
        if (LinuxFileStatus.LstatType(full) == -LinuxFileStatus.EACCES)
        {
            throw new AiTuneException($"permission denied reading {shown}", FileErrors.PermissionHint);
        }

        throw new AiTuneException($"--root {shown} does not exist", RootHint);
    }

    /// <summary>A directory we may not search looks empty to Directory.Exists on its children: without this, an
    /// unreadable tree would be called "not a host tree".</summary>
    private static void RequireSearchable(string full, string argument)
    {
        int proc = LinuxFileStatus.LstatType(Path.Combine(full, "proc"));
        if (proc == -LinuxFileStatus.EACCES)
        {
            throw new AiTuneException($"permission denied reading {DisplayText.FilePath(argument)}", FileErrors.PermissionHint);
        }
    }

    private static HostSource Source(string description, SnapshotMetadata? metadata) =>
        new(description, false, metadata?.CapturedAt, metadata?.ToolVersion, metadata?.Uname?.Machine);

    private static Dictionary<string, UnknownReason> Failures(SnapshotMetadata? metadata) =>
        metadata?.Unreadable.GroupBy(f => f.Path).ToDictionary(g => g.Key, g => new UnknownReason(g.First().Kind, g.First().Reason), StringComparer.Ordinal)
        ?? [];

    private static SnapshotMetadata ParseMetadata(byte[] bytes, string where)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, SnapshotJsonContext.Default.SnapshotMetadata)
                ?? throw new JsonException("empty document");
        }
        catch (JsonException e)
        {
            throw new AiTuneException($"{where} is not valid snapshot metadata: {FileErrors.Describe(e)}", "re-capture the snapshot with 'aitune snapshot', or delete the metadata file to read the tree as a plain host tree");
        }
    }

    private static byte[] ReadBounded(string path)
    {
        var info = new FileInfo(path);
        if (info.Length > MaxMetadataBytes)
        {
            throw new AiTuneException($"{DisplayText.FilePath(path)} is larger than {MaxMetadataBytes >> 20} MiB", "snapshot metadata is a small JSON file: this one is not aitune's");
        }

        return File.ReadAllBytes(path);
    }
}
