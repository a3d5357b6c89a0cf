using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace AiTune.Tests.Support;

/// <summary>Builds small Debian packages (debian-binary, control.tar.gz, data.tar.gz), hostile ones included.</summary>
public sealed class DebBuilder
{
    private readonly List<TarEntry> data = [];

    public string Control { get; init; } = "Package: linux-image-test\nVersion: 1.0-1\nArchitecture: amd64\n";

    public DebBuilder File(string name, byte[] content)
    {
        data.Add(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
        return this;
    }

    public DebBuilder File(string name, string content) => File(name, Encoding.UTF8.GetBytes(content));

    public DebBuilder Directory(string name)
    {
        data.Add(new PaxTarEntry(TarEntryType.Directory, name));
        return this;
    }

    public DebBuilder Special(string name, TarEntryType type)
    {
        data.Add(new PaxTarEntry(type, name));
        return this;
    }

    public DebBuilder Link(string name, string target, TarEntryType type = TarEntryType.SymbolicLink)
    {
        data.Add(new PaxTarEntry(type, name) { LinkName = target });
        return this;
    }

    public byte[] DataTar()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var entry in data)
            {
                entry.DataStream?.Seek(0, SeekOrigin.Begin);
                tar.WriteEntry(entry);
            }
        }

        return output.ToArray();
    }

    public byte[] Build(Func<byte[], byte[]>? alterData = null)
    {
        using var control = new MemoryStream();
        using (var gzip = new GZipStream(control, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "./control") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(Control)) });
        }

        var dataTar = DataTar();
        return ArWriter.Write([("debian-binary", "2.0\n"u8.ToArray()), ("control.tar.gz", control.ToArray()), ("data.tar.gz", alterData is null ? dataTar : alterData(dataTar))]);
    }

    public string WriteTo(string directory, string fileName = "linux-image-test.deb", Func<byte[], byte[]>? alterData = null)
    {
        var path = Path.Combine(directory, fileName);
        System.IO.File.WriteAllBytes(path, Build(alterData));
        return path;
    }
}
