namespace AiTune.Tests.Models;

/// <summary>A file in a fresh temporary directory, removed with the directory on dispose.</summary>
internal sealed class TempModelFile : IDisposable
{
    private readonly string directory;

    public TempModelFile(string fileName, byte[]? contents = null)
    {
        directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "aitune-models-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        Path = System.IO.Path.Combine(directory, fileName);
        if (contents is not null)
        {
            File.WriteAllBytes(Path, contents);
        }
    }

    public string Path { get; }

    public string DirectoryPath => directory;

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
