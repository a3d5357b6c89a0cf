using System.Security.Cryptography;

namespace AiTune.Tests.Support;

/// <summary>A writable copy of a captured host tree and a state directory beside it, in a temporary directory removed
/// on dispose: the engine's tuning writes plain files there, never this machine's kernel.</summary>
public sealed class HostTreeCopy : IDisposable
{
    public HostTreeCopy(string fixture = "xeon-2numa-nvidia")
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("aitune-copy-").FullName;
        CopyDirectory(FixturePaths.Host(fixture), Tree);

        // A host with udev and GRUB has these; aitune creates only the drop-in directory inside them.
        System.IO.Directory.CreateDirectory(Path.Join(Tree, "etc/udev"));
        System.IO.Directory.CreateDirectory(Path.Join(Tree, "etc/default"));
    }

    /// <summary>The temporary directory holding the tree and the state directory.</summary>
    public string Directory { get; }

    /// <summary>The host tree, for --root.</summary>
    public string Tree => Path.Join(Directory, "host");

    /// <summary>The state directory (journal, history), for --state-dir.</summary>
    public string State => Path.Join(Directory, "state");

    /// <summary>The file in the tree at a host path ("/proc/sys/vm/swappiness").</summary>
    public string File(string hostPath) => Path.Join(Tree, hostPath.TrimStart('/'));

    /// <summary>Every file of the tree with its content hash, every directory, links as their targets (never followed:
    /// /sys trees are full of link cycles).</summary>
    public Dictionary<string, string> Fingerprint()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(new DirectoryInfo(Tree));
        return result;

        void Walk(DirectoryInfo directory)
        {
            foreach (var entry in directory.EnumerateFileSystemInfos())
            {
                var relative = Path.GetRelativePath(Tree, entry.FullName);
                if (entry.LinkTarget is { } link)
                {
                    result[relative] = "-> " + link;
                }
                else if (entry is DirectoryInfo subdirectory)
                {
                    result[relative + "/"] = "directory";
                    Walk(subdirectory);
                }
                else
                {
                    result[relative] = Convert.ToHexString(SHA256.HashData(System.IO.File.ReadAllBytes(entry.FullName)));
                }
            }
        }
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Copies a tree as it is, links as links.</summary>
    public static void CopyDirectory(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var target = Path.Join(to, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                System.IO.File.CreateSymbolicLink(target, link);
            }
            else if (entry is DirectoryInfo)
            {
                CopyDirectory(entry.FullName, target);
            }
            else
            {
                System.IO.File.Copy(entry.FullName, target);
            }
        }
    }
}
