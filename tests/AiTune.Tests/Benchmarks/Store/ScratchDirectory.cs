namespace AiTune.Tests.Benchmarks.Store;

/// <summary>A temporary directory for databases and exports, removed on dispose.</summary>
public sealed class ScratchDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("aitune-store-").FullName;

    public string File(string name) => System.IO.Path.Join(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
