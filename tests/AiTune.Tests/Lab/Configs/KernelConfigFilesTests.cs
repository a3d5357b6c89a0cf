using AiTune.Lab.Configs;
using AiTune.Tests.Support;

namespace AiTune.Tests.Lab.Configs;

public sealed class KernelConfigFilesTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("aitune-kconfig-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void A_gzipped_config_is_read_and_labelled_with_its_release()
    {
        var input = KernelConfigFiles.Open(FixturePaths.File("files/kernel/configs/config-6.1.0-57-rt-amd64.gz"));

        Assert.Equal("6.1.0-57-rt-amd64", input.Label);
        Assert.Equal("y", input.Config["CONFIG_PREEMPT_RT"]);
    }

    [Fact]
    public void A_tree_with_one_boot_config_is_read_through_it()
    {
        Directory.CreateDirectory(Path.Join(directory, "boot"));
        File.WriteAllText(Path.Join(directory, "boot", "config-6.9.0-test"), "CONFIG_HZ=1000\n# CONFIG_NUMA is not set\n");

        var input = KernelConfigFiles.Open(directory);

        Assert.Equal("6.9.0-test", input.Label);
        Assert.Equal("1000", input.Config["CONFIG_HZ"]);
    }

    [Theory]
    [InlineData("just some text\nnot a config\n")]
    [InlineData("")]
    public void A_file_that_is_not_a_config_is_refused_with_a_hint(string content)
    {
        string path = Path.Join(directory, "notes.txt");
        File.WriteAllText(path, content);

        var error = Assert.Throws<AiTuneException>(() => KernelConfigFiles.Open(path));

        Assert.Contains("not a kernel config", error.Message);
        Assert.Contains("boot/config-RELEASE", error.Hint);
    }

    [Fact]
    public void Garbage_with_a_gzip_magic_number_is_refused()
    {
        string path = Path.Join(directory, "config.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7]);

        var error = Assert.Throws<AiTuneException>(() => KernelConfigFiles.Open(path));

        Assert.Contains("cannot be read", error.Message);
    }

    [Fact]
    public void A_missing_file_and_a_tree_without_a_config_are_refused()
    {
        Assert.Contains("no such file", Assert.Throws<AiTuneException>(() => KernelConfigFiles.Open(Path.Join(directory, "absent"))).Message);
        Assert.Contains("holds no boot/config-RELEASE", Assert.Throws<AiTuneException>(() => KernelConfigFiles.Open(directory)).Message);
    }
}
