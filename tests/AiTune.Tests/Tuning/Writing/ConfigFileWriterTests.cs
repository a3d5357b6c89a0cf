using System.Runtime.Versioning;
using AiTune.Tests.Support;
using AiTune.Tuning.Writing;
using CsCheck;

namespace AiTune.Tests.Tuning.Writing;

[SupportedOSPlatform("linux")]
public class ConfigFileWriterTests : IDisposable
{
    private const string SysctlFile = "/etc/sysctl.d/99-aitune.conf";

    private readonly TempHostTree tree = new TempHostTree().Mkdir("/etc");
    private readonly string outside = Directory.CreateTempSubdirectory("aitune-outside-").FullName;

    public void Dispose()
    {
        tree.Dispose();
        Directory.Delete(outside, recursive: true);
    }

    private string Root => tree.Directory;

    private string[] Entries(string hostDirectory) =>
        Directory.EnumerateFileSystemEntries(tree.Physical(hostDirectory)).Select(Path.GetFileName).Order().ToArray()!;

    [Fact]
    public void Write_creates_the_directory_and_the_file_with_their_modes()
    {
        ConfigFileWriter.Write(Root, SysctlFile, "vm.swappiness = 10\n");

        Assert.Equal("vm.swappiness = 10\n", File.ReadAllText(tree.Physical(SysctlFile)));
        Assert.Equal((UnixFileMode)0x1A4, File.GetUnixFileMode(tree.Physical(SysctlFile)));
        Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(tree.Physical("/etc/sysctl.d")));
        Assert.Equal(["99-aitune.conf"], Entries("/etc/sysctl.d"));
    }

    [Fact]
    public void Probe_tells_a_present_directory_from_one_write_creates_and_one_that_cannot_be()
    {
        tree.Mkdir("/etc/sysctl.d").Mkdir("/etc/udev");

        Assert.Equal(DropInDirectory.Present, ConfigFileWriter.Probe(Root, SysctlFile));
        Assert.Equal(DropInDirectory.Created, ConfigFileWriter.Probe(Root, "/etc/udev/rules.d/99-aitune.rules"));
        Assert.Equal(DropInDirectory.Unavailable, ConfigFileWriter.Probe(Root, "/etc/default/grub.d/90-aitune.cfg"));
    }

    [Fact]
    public void RemoveDirectoryIfEmpty_removes_only_an_empty_directory()
    {
        ConfigFileWriter.Write(Root, SysctlFile, "vm.swappiness = 10\n");
        Assert.False(ConfigFileWriter.RemoveDirectoryIfEmpty(Root, SysctlFile));
        Assert.True(File.Exists(tree.Physical(SysctlFile)));

        ConfigFileWriter.Remove(Root, SysctlFile);
        Assert.True(ConfigFileWriter.RemoveDirectoryIfEmpty(Root, SysctlFile));
        Assert.False(Directory.Exists(tree.Physical("/etc/sysctl.d")));
        Assert.True(Directory.Exists(tree.Physical("/etc")));
        Assert.False(ConfigFileWriter.RemoveDirectoryIfEmpty(Root, SysctlFile));
    }

    [Fact]
    public void RemoveDirectoryIfEmpty_follows_no_link()
    {
        Directory.CreateSymbolicLink(tree.Physical("/etc/sysctl.d"), outside);
        Assert.Throws<AiTuneException>(() => ConfigFileWriter.RemoveDirectoryIfEmpty(Root, SysctlFile));
        Assert.True(Directory.Exists(outside));
    }

    [Fact]
    public void Write_replaces_an_existing_file_whole_and_leaves_no_temporary_behind()
    {
        tree.Write("/etc/sysctl.d/10-other.conf", "kernel.sysrq = 0\n");
        ConfigFileWriter.Write(Root, SysctlFile, "vm.swappiness = 10\nvm.max_map_count = 1048576\n");

        ConfigFileWriter.Write(Root, SysctlFile, "vm.swappiness = 1\n");

        Assert.Equal("vm.swappiness = 1\n", ConfigFileWriter.ReadExisting(Root, SysctlFile));
        Assert.Equal(["10-other.conf", "99-aitune.conf"], Entries("/etc/sysctl.d"));
        Assert.Equal("kernel.sysrq = 0\n", File.ReadAllText(tree.Physical("/etc/sysctl.d/10-other.conf")));
    }

    [Theory]
    [InlineData("/etc/udev/rules.d/60-aitune.rules", "/etc/udev")]
    [InlineData("/etc/tmpfiles.d/aitune.conf", "/etc")]
    [InlineData("/etc/default/grub.d/50-aitune.cfg", "/etc/default")]
    public void Each_owned_file_is_written_under_its_existing_parent(string path, string existing)
    {
        tree.Mkdir(existing);

        ConfigFileWriter.Write(Root, path, "line\n");

        Assert.Equal("line\n", ConfigFileWriter.ReadExisting(Root, path));
        Assert.True(ConfigFileWriter.Remove(Root, path));
        Assert.Null(ConfigFileWriter.ReadExisting(Root, path));
    }

    [Fact]
    public void The_directories_above_the_parent_are_not_created()
    {
        var error = Assert.Throws<AiTuneException>(() => ConfigFileWriter.Write(Root, "/etc/default/grub.d/50-aitune.cfg", "x\n"));

        Assert.Contains("/etc/default does not exist", error.Message);
        Assert.False(Directory.Exists(tree.Physical("/etc/default")));
    }

    [Theory]
    [InlineData("/etc/sysctl.d/aitune.conf")]
    [InlineData("/etc/sysctl.d/9-aitune.conf")]
    [InlineData("/etc/sysctl.d/999-aitune.conf")]
    [InlineData("/etc/sysctl.d/99-aitune.conf.bak")]
    [InlineData("/etc/sysctl.d/99-aitune.conf/")]
    [InlineData("/etc/sysctl.d/../passwd")]
    [InlineData("/etc/sysctl.d/../sysctl.d/99-aitune.conf")]
    [InlineData("etc/sysctl.d/99-aitune.conf")]
    [InlineData("/etc/passwd")]
    [InlineData("/etc/tmpfiles.d/99-aitune.conf")]
    [InlineData("/etc/udev/rules.d/60-aitune.conf")]
    [InlineData("/etc/sysctl.d/99-aitune.conf\n")]
    public void A_path_that_is_not_aitunes_own_file_is_refused(string path)
    {
        tree.Write("/etc/passwd", "root:x:0:0\n");

        var error = Assert.Throws<AiTuneException>(() => ConfigFileWriter.Write(Root, path, "x\n"));
        Assert.Throws<AiTuneException>(() => ConfigFileWriter.Remove(Root, path));
        Assert.Throws<AiTuneException>(() => ConfigFileWriter.ReadExisting(Root, path));

        Assert.Contains("not one of aitune's configuration files", error.Message);
        Assert.Equal(["passwd"], Entries("/etc"));
        Assert.Equal("root:x:0:0\n", File.ReadAllText(tree.Physical("/etc/passwd")));
    }

    [Theory]
    [InlineData("vm.swappiness = 10\r\n")]
    [InlineData("a\tb\n")]
    [InlineData("x\0y\n")]
    [InlineData("\u001b[2Jvm.swappiness = 10\n")]
    [InlineData("\u0085")]
    public void Content_with_a_control_character_other_than_newline_is_refused(string content)
    {
        var error = Assert.Throws<AiTuneException>(() => ConfigFileWriter.Write(Root, SysctlFile, content));

        Assert.Contains("control character", error.Message);
        Assert.Empty(Entries("/etc"));
    }

    [Fact]
    public void A_link_at_the_target_is_refused_and_left_alone()
    {
        File.WriteAllText(Path.Combine(outside, "shadow"), "secret\n");
        tree.Mkdir("/etc/sysctl.d").Link(SysctlFile, Path.Combine(outside, "shadow"));

        var error = Assert.Throws<AiTuneException>(() => ConfigFileWriter.Write(Root, SysctlFile, "x\n"));
        Assert.Throws<AiTuneException>(() => ConfigFileWriter.Remove(Root, SysctlFile));
        Assert.Throws<AiTuneException>(() => ConfigFileWriter.ReadExisting(Root, SysctlFile));

        Assert.Contains("symbolic link", error.Message);
        Assert.Equal("secret\n", File.ReadAllText(Path.Combine(outside, "shadow")));
        Assert.NotNull(new FileInfo(tree.Physical(SysctlFile)).LinkTarget);
        Assert.Equal(["99-aitune.conf"], Entries("/etc/sysctl.d"));
    }

    [Fact]
    public void A_link_as_the_parent_directory_is_refused()
    {
        tree.Link("/etc/sysctl.d", outside);

        var error = Assert.Throws<AiTuneException>(() => ConfigFileWriter.Write(Root, SysctlFile, "x\n"));
        Assert.Throws<AiTuneException>(() => ConfigFileWriter.Remove(Root, SysctlFile));
        Assert.Throws<AiTuneException>(() => ConfigFileWriter.ReadExisting(Root, SysctlFile));

        Assert.Contains("/etc/sysctl.d is a symbolic link", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
    }

    [Fact]
    public void A_link_higher_up_is_refused()
    {
        using var other = new TempHostTree();
        other.Link("/etc", outside);

        var error = Assert.Throws<AiTuneException>(() => ConfigFileWriter.Write(other.Directory, "/etc/tmpfiles.d/aitune.conf", "x\n"));

        Assert.Contains("/etc is a symbolic link", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
    }

    [Fact]
    public async Task A_directory_or_a_fifo_at_the_target_is_refused_without_blocking()
    {
        tree.Mkdir(SysctlFile);
        Assert.Contains("is a directory", Assert.Throws<AiTuneException>(() => ConfigFileWriter.Write(Root, SysctlFile, "x\n")).Message);
        Directory.Delete(tree.Physical(SysctlFile));
        KernelFilesTests.MakeFifo(tree.Physical(SysctlFile));

        // A regression that opened the FIFO would wait for a writer forever: the bound turns that into a failure.
        var error = await Task.Run(() => Assert.Throws<AiTuneException>(() => ConfigFileWriter.ReadExisting(Root, SysctlFile)))
            .WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Contains("a FIFO, socket or device", error.Message);
        Assert.Throws<AiTuneException>(() => ConfigFileWriter.Write(Root, SysctlFile, "x\n"));
        Assert.Throws<AiTuneException>(() => ConfigFileWriter.Remove(Root, SysctlFile));
        Assert.Equal(["99-aitune.conf"], Entries("/etc/sysctl.d"));
    }

    [Fact]
    public void Remove_and_ReadExisting_answer_absence_without_creating_anything()
    {
        Assert.False(ConfigFileWriter.Remove(Root, SysctlFile));
        Assert.Null(ConfigFileWriter.ReadExisting(Root, SysctlFile));
        Assert.False(Directory.Exists(tree.Physical("/etc/sysctl.d")));

        tree.Mkdir("/etc/sysctl.d");
        Assert.False(ConfigFileWriter.Remove(Root, SysctlFile));
        Assert.Null(ConfigFileWriter.ReadExisting(Root, SysctlFile));
    }

    [Fact]
    public void Remove_deletes_the_file_and_only_it()
    {
        tree.Write("/etc/sysctl.d/10-other.conf", "kernel.sysrq = 0\n");
        ConfigFileWriter.Write(Root, SysctlFile, "vm.swappiness = 10\n");

        Assert.True(ConfigFileWriter.Remove(Root, SysctlFile));

        Assert.Equal(["10-other.conf"], Entries("/etc/sysctl.d"));
        Assert.False(ConfigFileWriter.Remove(Root, SysctlFile));
    }

    [Fact]
    public void Any_text_without_control_characters_round_trips()
    {
        Gen.String.Select(s => new string(s.Where(c => !char.IsControl(c) && !char.IsSurrogate(c)).ToArray()))
            .Select(Gen.Int[0, 3], (line, lines) => string.Concat(Enumerable.Repeat(line + "\n", lines)))
            .Sample(content =>
            {
                ConfigFileWriter.Write(Root, SysctlFile, content);
                Assert.Equal(content, ConfigFileWriter.ReadExisting(Root, SysctlFile));
            }, iter: 50, threads: 1); // one file: samples on several threads would overwrite each other's content
    }
}
