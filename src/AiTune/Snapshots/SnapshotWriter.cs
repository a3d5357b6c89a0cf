using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using AiTune.Facts;
using AiTune.Files;
using AiTune.Hosting;
using AiTune.Inspection;

namespace AiTune.Snapshots;

/// <summary>Captures exactly the files the inspector reads: it inspects the host once through a recording
/// observer and writes what was read (files, the links that were crossed, directory listings, failures)
/// into a .tar.gz with aitune-snapshot.json. Auditing that archive replays the same reads. The archive is built in
/// memory (it holds only the bounded reads of one inspection) and then written whole or not at all
/// (<see cref="OutputFile"/>), its size known, so the free space is checked before anything is written.</summary>
public static class SnapshotWriter
{
    /// <summary>Files `aitune metrics` reads beside the facts: /proc/vmstat's THP events and IRQ pressure.</summary>
    public static readonly IReadOnlyList<string> MetricsOnlyFiles = [Inspection.Memory.VmstatParser.Path, Inspection.Cgroups.PressureParser.IrqPath];

    /// <param name="replace">Replace an existing <paramref name="outputPath"/> (atomically); otherwise it is an error.</param>
    public static SnapshotMetadata Capture(HostRoot root, HostSource source, IEnumerable<string> extraSysctls, string outputPath, string toolVersion,
        bool replace = false, CancellationToken cancellation = default)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var links = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var directories = new SortedSet<string>(StringComparer.Ordinal);
        var listed = new List<(string Directory, HostEntry Entry)>();
        var failures = new SortedDictionary<string, UnknownReason>(StringComparer.Ordinal);
        root.Observer = access =>
        {
            switch (access.Kind)
            {
                case HostAccessKind.File:
                    files[access.CanonicalPath] = access.Content!;
                    break;
                case HostAccessKind.Symlink:
                    links[access.CanonicalPath] = access.LinkTarget!;
                    break;
                case HostAccessKind.Directory:
                    directories.Add(access.CanonicalPath);
                    listed.AddRange(access.Entries!.Select(e => (access.CanonicalPath, e)));
                    break;
                default:
                    failures[access.CanonicalPath] = access.Error!;
                    break;
            }
        };
        try
        {
            HostInspector.Inspect(root, source, extraSysctls);
            // What only `aitune metrics` reads (its counters are no facts): a snapshot exports as the host did.
            foreach (var path in MetricsOnlyFiles)
            {
                root.ReadText(path);
            }
        }
        finally
        {
            root.Observer = null;
        }

        // Entries seen in a listing but never read keep their kind, so the listing replays the same.
        foreach (var (directory, entry) in listed)
        {
            var path = directory == "/" ? "/" + entry.Name : directory + "/" + entry.Name;
            switch (entry.Kind)
            {
                case HostEntryKind.Directory:
                    directories.Add(path);
                    break;
                case HostEntryKind.Symlink when !links.ContainsKey(path):
                    var target = root.ReadLink(path);
                    if (target.TryGet(out var text))
                    {
                        links[path] = text;
                    }

                    break;
                case HostEntryKind.File when !files.ContainsKey(path) && !failures.ContainsKey(path):
                    files[path] = [];
                    break;
                default:
                    break;
            }
        }

        var kept = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (path, content) in files)
        {
            if (SnapshotPolicy.IsAllowed(path) && SnapshotPolicy.Redact(path, content) is { } written)
            {
                kept[path] = written;
            }
        }

        // A process directory stays only when something in it stays (its mount table, a daemon's name).
        var keptProcesses = kept.Keys.Concat(links.Keys).Select(SnapshotPolicy.ProcessDirectoryOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        // When processes were listed but none of them keeps anything, one (empty) process directory stays, the
        // lowest (PID 1 is always there): the snapshot then says "no watched daemon runs", as the host did, not
        // "captured without processes".
        if (keptProcesses.Count == 0 && directories.Where(d => SnapshotPolicy.ProcessDirectoryOf(d) == d)
                .OrderBy(d => d.Length).ThenBy(d => d, StringComparer.Ordinal).FirstOrDefault() is { } lowest)
        {
            keptProcesses.Add(lowest);
        }
        bool Writes(string path) =>
            SnapshotPolicy.IsAllowed(path) && (SnapshotPolicy.ProcessDirectoryOf(path) is not { } process || keptProcesses.Contains(process));

        var redacted = files.Keys.Where(SnapshotPolicy.IsAllowed).Select(SnapshotPolicy.RedactionEntry).OfType<string>().Distinct().ToList();
        var uname = Interop.Uname.Read();
        var metadata = new SnapshotMetadata(
            SnapshotMetadata.CurrentSchemaVersion,
            toolVersion,
            source.CapturedAt ?? DateTimeOffset.UtcNow,
            source.Live && uname is { } u ? new SnapshotUname(u.Sysname, u.Release, u.Version, u.Machine) : null,
            failures.Where(f => Writes(f.Key)).Select(f => new SnapshotFailure(f.Key, f.Value.Kind, f.Value.Detail)).ToList(),
            redacted);

        using var archive = new MemoryStream();
        using (var gzip = new GZipStream(archive, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: false))
        {
            var metadataBytes = JsonSerializer.SerializeToUtf8Bytes(metadata, SnapshotJsonContext.Readable.SnapshotMetadata);
            WriteFile(tar, SnapshotMetadata.FileName, metadataBytes);
            foreach (var directory in directories.Where(d => d != "/"))
            {
                if (Writes(directory))
                {
                    tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, directory[1..]) { Mode = (UnixFileMode)0b111_101_101 });
                }
            }

            foreach (var (path, target) in links)
            {
                if (Writes(path))
                {
                    tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, path[1..]) { LinkName = target, Mode = (UnixFileMode)0b111_111_111 });
                }
            }

            foreach (var (path, content) in kept)
            {
                cancellation.ThrowIfCancellationRequested();
                WriteFile(tar, path[1..], content);
            }
        }

        OutputFile.Write(outputPath, archive.Length, replace, file =>
        {
            archive.Position = 0;
            archive.CopyTo(file);
            return archive.Length;
        }, cancellation);
        return metadata;
    }

    private static void WriteFile(TarWriter tar, string name, byte[] content)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = (UnixFileMode)0b110_100_100, DataStream = new MemoryStream(content) };
        tar.WriteEntry(entry);
    }
}
