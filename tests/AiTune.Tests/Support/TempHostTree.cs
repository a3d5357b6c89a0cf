using AiTune.Hosting;

namespace AiTune.Tests.Support;

/// <summary>A host tree in a temporary directory, written file by file, removed on dispose.</summary>
public sealed class TempHostTree : IDisposable
{
    public TempHostTree()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("aitune-tree-").FullName;
    }

    public string Directory { get; }

    /// <summary>Writes a file at a host path ("/proc/meminfo" or "proc/meminfo").</summary>
    public TempHostTree Write(string hostPath, string content)
    {
        var path = Physical(hostPath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    public TempHostTree WriteBytes(string hostPath, byte[] content)
    {
        var path = Physical(hostPath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return this;
    }

    /// <summary>Creates a symbolic link at <paramref name="hostPath"/> with the raw <paramref name="target"/>.</summary>
    public TempHostTree Link(string hostPath, string target)
    {
        var path = Physical(hostPath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
        return this;
    }

    public TempHostTree Mkdir(string hostPath)
    {
        System.IO.Directory.CreateDirectory(Physical(hostPath));
        return this;
    }

    /// <summary>A HostRoot over this tree.</summary>
    public HostRoot Root() => new FileSystemHostRoot(Directory);

    public string Physical(string hostPath) => Path.Combine(Directory, hostPath.TrimStart('/'));

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
}
