using System.Formats.Tar;
using System.IO.Compression;

namespace AiTune.Tests.Support;

/// <summary>Writes .tar.gz files entry by entry, hostile ones included.</summary>
public sealed class TarBuilder
{
    private readonly List<TarEntry> entries = [];

    public TarBuilder File(string name, string content)
    {
        entries.Add(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)) });
        return this;
    }

    public TarBuilder Link(string name, string target, TarEntryType type = TarEntryType.SymbolicLink)
    {
        entries.Add(new PaxTarEntry(type, name) { LinkName = target });
        return this;
    }

    public TarBuilder Entry(TarEntryType type, string name)
    {
        entries.Add(new PaxTarEntry(type, name));
        return this;
    }

    public string WriteTo(string directory, string fileName = "host.tar.gz")
    {
        var path = Path.Combine(directory, fileName);
        using var file = System.IO.File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var entry in entries)
        {
            tar.WriteEntry(entry);
        }

        return path;
    }
}
