using AiTune.Tuning.Persistence;

namespace AiTune.Tests.Tuning.Persistence;

public class GrubDropInTests
{
    [Fact]
    public void Appends_the_parameters_in_order_with_bare_flags()
    {
        var file = GrubDropIn.Render("training",
            [("hugepagesz", "1G"), ("hugepages", "1024"), ("iommu", "pt"), ("nosmt", ""), ("isolcpus", "managed_irq,domain,2-7")]);

        Assert.Equal("/etc/default/grub.d/90-aitune.cfg", file.Path);
        Assert.Equal("""
            # Written by aitune: profile training. Remove with `aitune rollback`; do not edit.
            # Takes effect at the next boot once grub.cfg is regenerated: run update-grub (grub2-mkconfig -o /boot/grub2/grub.cfg on Fedora/RHEL), then reboot.
            GRUB_CMDLINE_LINUX_DEFAULT="$GRUB_CMDLINE_LINUX_DEFAULT hugepagesz=1G hugepages=1024 iommu=pt nosmt isolcpus=managed_irq,domain,2-7"
            """ + "\n", file.Content);
    }

    [Theory]
    [InlineData("pt\"; rm -rf / #")]
    [InlineData("$(id)")]
    [InlineData("`id`")]
    [InlineData("pt nosmt")]
    [InlineData("pt\n")]
    [InlineData("pt;id")]
    [InlineData("'pt'")]
    [InlineData("pt\\")]
    [InlineData("/dev/sda1")]
    public void Hostile_values_are_refused(string value) =>
        Assert.Throws<AiTuneException>(() => GrubDropIn.Render("base", [("iommu", value)]));

    [Theory]
    [InlineData("")]
    [InlineData("--")]
    [InlineData("-init")]
    [InlineData("iommu=pt")]
    [InlineData("a b")]
    [InlineData("$x")]
    public void Hostile_names_are_refused(string name) =>
        Assert.Throws<AiTuneException>(() => GrubDropIn.Render("base", [(name, "1")]));
}
