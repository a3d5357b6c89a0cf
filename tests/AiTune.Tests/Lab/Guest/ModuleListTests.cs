using AiTune.Lab.Guest;

namespace AiTune.Tests.Lab.Guest;

public class ModuleListTests
{
    [Fact]
    public void Paths_come_in_order_without_blanks_and_comments()
    {
        string text = """
            # virtio for the results port, dependencies first
            /lib/modules/6.1.0-57-amd64/kernel/drivers/virtio/virtio_pci_modern_dev.ko

              /lib/modules/6.1.0-57-amd64/kernel/drivers/virtio/virtio_pci.ko
            /lib/modules/6.1.0-57-amd64/kernel/drivers/char/virtio_console.ko
            """;

        Assert.Equal(
            [
                "/lib/modules/6.1.0-57-amd64/kernel/drivers/virtio/virtio_pci_modern_dev.ko",
                "/lib/modules/6.1.0-57-amd64/kernel/drivers/virtio/virtio_pci.ko",
                "/lib/modules/6.1.0-57-amd64/kernel/drivers/char/virtio_console.ko",
            ],
            ModuleList.Parse(text));
    }

    [Fact]
    public void An_empty_list_loads_nothing()
    {
        Assert.Empty(ModuleList.Parse(""));
        Assert.Empty(ModuleList.Parse("\n# 6.12 has virtio_pci and virtio_console built in\n"));
    }

    [Theory]
    [InlineData("virtio_pci.ko")]
    [InlineData("/lib/modules/../../etc/shadow")]
    [InlineData("/lib/modules/./x.ko")]
    [InlineData("/lib/modules/a b.ko")]
    [InlineData("/lib/modules/a\u0001.ko")]
    public void A_line_that_is_not_an_absolute_clean_path_names_its_line(string line)
    {
        var error = Assert.Throws<AiTuneException>(() => ModuleList.Parse("/ok.ko\n" + line + "\n"));

        Assert.StartsWith("line 2 of /aitune/modules is not an absolute path of a module", error.Message);
    }
}
