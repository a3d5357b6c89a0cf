using System.IO.Compression;
using AiTune.Lab.Guest;
using AiTune.Tests.Support;

namespace AiTune.Tests.Lab.Guest;

public class AddressSpaceLayoutTests
{
    [Fact]
    public void Debian_kernels_start_with_full_randomization()
    {
        foreach (var path in Directory.GetFiles(FixturePaths.File("files/kernel/configs"), "config-*.gz"))
        {
            using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            string config = new StreamReader(gzip).ReadToEnd();
            Assert.Contains("# CONFIG_COMPAT_BRK is not set", config);
            Assert.Equal("2", AddressSpaceLayout.KernelDefault(config));
        }
    }

    [Theory]
    [InlineData("CONFIG_X=y\nCONFIG_COMPAT_BRK=y\nCONFIG_Y=m\n", "1")]
    [InlineData("CONFIG_COMPAT_BRK=y\r\n", "1")]
    [InlineData("# CONFIG_COMPAT_BRK is not set\n", "2")]
    [InlineData("CONFIG_COMPAT_BRK=yes\n#CONFIG_COMPAT_BRK=y\n", "2")]
    [InlineData("", "2")]
    [InlineData(null, "2")]
    public void A_kernel_built_with_compat_brk_starts_without_heap_randomization(string? config, string expected) =>
        Assert.Equal(expected, AddressSpaceLayout.KernelDefault(config));

    [Theory]
    [InlineData("console=ttyS0 quiet aitune.lab=1")]
    [InlineData("console=ttyS0 -- norandmaps")]
    [InlineData("xnorandmaps aitune.lab=1")]
    public void Without_the_word_before_init_s_arguments_nothing_is_written(string commandLine) =>
        Assert.Null(AddressSpaceLayout.Restore(commandLine, "6.12.118+deb12-amd64"));
}
