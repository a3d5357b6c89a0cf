using AiTune.Lab.Image;
using AiTune.Tests.Support;
using CsCheck;

namespace AiTune.Tests.Lab.Image;

public class CpioWriterTests
{
    private const uint Directory = 0x4000, Regular = 0x8000, Symlink = 0xA000, CharacterDevice = 0x2000;

    private static readonly Gen<string> Token = Gen.Char["abcxyz019._-"].Array[1, 6].Select(a => new string(a));

    /// <summary>Random trees: leaves under zero to three directories; directory components start with 'd' and
    /// leaves with 'f', so a leaf is never another leaf's parent.</summary>
    private static readonly Gen<Leaf[]> Trees = Gen.Select(
            Token.Array[0, 3].Select(parts => string.Concat(parts.Select(p => "d" + p + "/"))),
            Token,
            Gen.Int[0, 3],
            Gen.Byte.Array[0, 300],
            Gen.OneOfConst(0x1A4u, 0x1EDu, 0x180u, 0x100u),
            Gen.Int[0, 255])
        .Select((directory, name, kind, content, mode, minor) => new Leaf(directory + "f" + name, (LeafKind)kind, content, mode, (uint)minor))
        .Array[1, 20]
        .Select(leaves => leaves.DistinctBy(l => l.Name).ToArray());

    [Fact]
    public void Random_trees_read_back_whole_with_parents_first_and_fixed_metadata()
    {
        Trees.Sample(leaves =>
        {
            var (archive, names) = Write(leaves);
            var entries = NewcReader.Read(archive);

            Assert.Equal(names, entries.Select(e => e.Name));
            Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (uint)i), entries.Select(e => e.Inode));
            Assert.All(entries, e => Assert.Equal((0u, 0u, 0u), (e.Uid, e.Gid, e.MTime)));
            var seen = new HashSet<string>();
            foreach (var entry in entries)
            {
                string? parent = Path.GetDirectoryName(entry.Name);
                Assert.True(string.IsNullOrEmpty(parent) || seen.Contains(parent), $"{entry.Name} comes before its parent");
                seen.Add(entry.Name);
                if (entry.Type == Directory)
                {
                    Assert.Equal(2u, entry.NLink);
                }
            }

            var byName = entries.ToDictionary(e => e.Name);
            foreach (var leaf in leaves)
            {
                var entry = byName[leaf.Name];
                switch (leaf.Kind)
                {
                    case LeafKind.File:
                        Assert.Equal((Regular, leaf.Mode), (entry.Type, entry.Permissions));
                        Assert.Equal(leaf.Content, entry.Data);
                        break;
                    case LeafKind.Directory:
                        Assert.Equal((Directory, leaf.Mode), (entry.Type, entry.Permissions));
                        Assert.Empty(entry.Data);
                        break;
                    case LeafKind.Symlink:
                        Assert.Equal(Symlink, entry.Type);
                        Assert.Equal(leaf.LinkTarget, System.Text.Encoding.UTF8.GetString(entry.Data));
                        break;
                    case LeafKind.CharacterDevice:
                        Assert.Equal((CharacterDevice, leaf.Mode, 5u, leaf.Minor), (entry.Type, entry.Permissions, entry.RdevMajor, entry.RdevMinor));
                        break;
                }
            }
        });
    }

    [Fact]
    public void Random_trees_are_what_the_real_cpio_tool_lists_and_extracts()
    {
        Trees.Sample(leaves =>
        {
            var (archive, names) = Write(leaves);
            var directory = System.IO.Directory.CreateTempSubdirectory("aitune-cpio-");
            try
            {
                string file = Path.Join(directory.FullName, "archive.cpio");
                File.WriteAllBytes(file, archive);
                Assert.Equal(names, LabKernelTrees.Run($"cpio -t --quiet < '{file}'").Split('\n', StringSplitOptions.RemoveEmptyEntries));

                string tree = System.IO.Directory.CreateDirectory(Path.Join(directory.FullName, "tree")).FullName;
                LabKernelTrees.Run($"cpio -i -d --quiet --no-absolute-filenames < '{file}'", tree);
                string listing = LabKernelTrees.Run($"cpio -t -v --quiet < '{file}'");
                foreach (var leaf in leaves)
                {
                    string path = Path.Join(tree, leaf.Name);
                    switch (leaf.Kind)
                    {
                        case LeafKind.File:
                            Assert.Equal(leaf.Content, File.ReadAllBytes(path));
                            Assert.Equal(leaf.Mode, (uint)File.GetUnixFileMode(path));
                            break;
                        case LeafKind.Directory:
                            Assert.True(System.IO.Directory.Exists(path));
                            break;
                        case LeafKind.Symlink:
                            Assert.Equal(leaf.LinkTarget, new FileInfo(path).LinkTarget);
                            break;
                        case LeafKind.CharacterDevice:
                            Assert.Matches($@"(?m)^c\S+\s+1\s+\S+\s+\S+\s+5,\s+{leaf.Minor}\s.*\s{System.Text.RegularExpressions.Regex.Escape(leaf.Name)}$", listing);
                            break;
                    }
                }
            }
            finally
            {
                directory.Delete(recursive: true);
            }
        }, iter: 25);
    }

    [Fact]
    public void The_same_tree_gives_the_same_bytes()
    {
        Trees.Sample(leaves => Assert.Equal(Write(leaves).Archive, Write(leaves).Archive), iter: 20);
    }

    [Fact]
    public void A_file_streamed_from_the_host_equals_the_same_bytes_given()
    {
        var content = new byte[70_001];
        new Random(5).NextBytes(content);
        string host = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(host, content);
            using var streamed = new MemoryStream();
            using (var writer = new CpioWriter(streamed))
            {
                writer.AddFileFrom("a/b", host, (UnixFileMode)0x1ED);
                writer.Finish();
            }

            using var given = new MemoryStream();
            using (var writer = new CpioWriter(given))
            {
                writer.AddFile("a/b", content, (UnixFileMode)0x1ED);
                writer.Finish();
            }

            Assert.Equal(given.ToArray(), streamed.ToArray());
            Assert.Equal(content, NewcReader.Read(streamed.ToArray())[1].Data);
        }
        finally
        {
            File.Delete(host);
        }
    }

    [Fact]
    public void The_header_is_the_format_byte_for_byte()
    {
        using var output = new MemoryStream();
        using (var writer = new CpioWriter(output))
        {
            writer.AddCharacterDevice("console", 5, 1, (UnixFileMode)0x180);
            writer.Finish();
        }

        string text = System.Text.Encoding.ASCII.GetString(output.ToArray());
        Assert.StartsWith("070701" + "00000001" + "00002180" + "00000000" + "00000000" + "00000001" + "00000000" + "00000000"
            + "00000000" + "00000000" + "00000005" + "00000001" + "00000008" + "00000000" + "console\0", text);
        Assert.Equal(0, output.Length % 4);
        Assert.EndsWith("TRAILER!!!\0\0\0\0", text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/etc/passwd")]
    [InlineData("../escape")]
    [InlineData("a/../../b")]
    [InlineData("a/./b")]
    [InlineData("a//b")]
    [InlineData("a/")]
    [InlineData("a\0b")]
    [InlineData("TRAILER!!!")]
    public void Bad_names_are_refused(string name)
    {
        using var writer = new CpioWriter(new MemoryStream());

        Assert.NotNull(CpioWriter.Problem(name));
        Assert.Throws<ArgumentException>(() => writer.AddFile(name, [1], (UnixFileMode)0x1A4));
        Assert.Throws<ArgumentException>(() => writer.AddDirectory(name));
        Assert.Throws<ArgumentException>(() => writer.AddSymlink(name, "x"));
    }

    [Fact]
    public void Names_with_a_dot_dot_component_or_a_NUL_anywhere_are_refused()
    {
        Gen.Select(Token.Array[0, 3], Token.Array[0, 3], Gen.OneOfConst("..", ".", "", "a\0b", "x\0")).Sample((before, after, bad) =>
        {
            string name = string.Join('/', before.Append(bad).Concat(after));
            using var writer = new CpioWriter(new MemoryStream());
            Assert.Throws<ArgumentException>(() => writer.AddFile(name, [], (UnixFileMode)0x1A4));
            Assert.Empty(writer.Names);
        });
    }

    [Fact]
    public void A_too_long_name_a_duplicate_and_a_child_of_a_file_are_refused()
    {
        using var writer = new CpioWriter(new MemoryStream());
        writer.AddFile("etc/file", [1], (UnixFileMode)0x1A4);

        Assert.Throws<ArgumentException>(() => writer.AddFile(new string('a', CpioWriter.MaxNameBytes + 1), [], (UnixFileMode)0x1A4));
        Assert.Throws<ArgumentException>(() => writer.AddFile("etc/file", [2], (UnixFileMode)0x1A4));
        Assert.Throws<ArgumentException>(() => writer.AddSymlink("etc/file", "x"));
        Assert.Throws<ArgumentException>(() => writer.AddFile("etc/file/child", [], (UnixFileMode)0x1A4));
        Assert.Throws<ArgumentException>(() => writer.AddDirectory("etc", (UnixFileMode)0x1C0));
        writer.AddDirectory("etc"); // the parent added for etc/file, with the same mode: nothing to do
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AddCharacterDevice("dev/x", CpioWriter.MaxDeviceMajor + 1, 0, (UnixFileMode)0x180));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AddFile("dev/y", [], (UnixFileMode)0x8000));
        Assert.Equal(["etc", "etc/file"], writer.Names);
    }

    private static (byte[] Archive, string[] Names) Write(Leaf[] leaves)
    {
        using var output = new MemoryStream();
        using var writer = new CpioWriter(output);
        foreach (var leaf in leaves)
        {
            switch (leaf.Kind)
            {
                case LeafKind.File:
                    writer.AddFile(leaf.Name, leaf.Content, (UnixFileMode)leaf.Mode);
                    break;
                case LeafKind.Directory:
                    writer.AddDirectory(leaf.Name, (UnixFileMode)leaf.Mode);
                    break;
                case LeafKind.Symlink:
                    writer.AddSymlink(leaf.Name, leaf.LinkTarget);
                    break;
                case LeafKind.CharacterDevice:
                    writer.AddCharacterDevice(leaf.Name, 5, leaf.Minor, (UnixFileMode)leaf.Mode);
                    break;
            }
        }

        writer.Finish();
        Assert.Equal(output.Length, writer.BytesWritten);
        return (output.ToArray(), writer.Names.ToArray());
    }

    private enum LeafKind
    {
        File,
        Directory,
        Symlink,
        CharacterDevice,
    }

    private sealed record Leaf(string Name, LeafKind Kind, byte[] Content, uint Mode, uint Minor)
    {
        public string LinkTarget => "/target/" + Name;
    }
}
