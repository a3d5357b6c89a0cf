using AiTune.Inspection.Kernel;

namespace AiTune.Tests.Inspection.Kernel;

public class KernelFlavorDetectorTests
{
    [Theory]
    [InlineData("6.8.0-51-generic", "generic", "ubuntu")]
    [InlineData("6.8.0-1021-aws", "cloud", "aws")]
    [InlineData("6.8.0-1020-azure", "cloud", "azure")]
    [InlineData("6.8.0-1019-gcp", "cloud", "gcp")]
    [InlineData("5.15.0-1067-oracle", "cloud", "oracle")]
    [InlineData("6.8.0-1012-kvm", "cloud", "kvm")]
    [InlineData("6.1.0-28-cloud-amd64", "cloud", "cloud-amd64")]
    [InlineData("6.1.115-126.197.amzn2023.x86_64", "cloud", "amazon-linux")]
    [InlineData("6.1.0-28-rt-amd64", "rt", null)]
    [InlineData("6.6.58-rt45", "rt", null)]
    [InlineData("5.14.0-427.13.1.el9_4.x86_64+rt", "rt", null)]
    [InlineData("6.8.1-1015-realtime", "rt", null)]
    [InlineData("6.12.10-hardened1-1-hardened", "hardened", null)]
    [InlineData("6.12.9-zen1-1-zen", "zen", null)]
    [InlineData("6.12.9-1-liquorix-amd64", "zen", "liquorix")]
    [InlineData("6.8.0-51-lowlatency", "lowlatency", null)]
    [InlineData("6.12.9-arch1-1", "generic", "arch")]
    [InlineData("6.12.9-1-lts", "lts", null)]
    [InlineData("6.18.2-2-cachyos", "cachyos", null)]
    [InlineData("6.18.2-2-cachyos-server", "cachyos", "server")]
    [InlineData("6.18.2-2-cachyos-lts", "cachyos", "lts")]
    [InlineData("6.18.2-2-cachyos-bore", "cachyos", "bore")]
    [InlineData("6.18.2-2-cachyos-eevdf", "cachyos", "eevdf")]
    [InlineData("6.18.2-2-cachyos-hardened", "cachyos", "hardened")]
    [InlineData("6.18.2-2-cachyos-rt-bore", "cachyos", "rt-bore")]
    [InlineData("6.18.2-2-cachyos-bmq", "cachyos", "bmq")]
    [InlineData("6.18.2-2-cachyos-deckify", "cachyos", "deckify")]
    [InlineData("6.18.2-2-cachyos-lto", "cachyos", null)]
    [InlineData("6.18.2-2-cachyos-server-lto", "cachyos", "server")]
    [InlineData("6.18.2-2-cachyos-bore-gcc", "cachyos", "bore")]
    [InlineData("6.11.4-301.fc41.x86_64", "generic", "fedora")]
    [InlineData("5.14.0-427.13.1.el9_4.x86_64", "generic", "rhel")]
    [InlineData("6.4.0-150600.23.25-default", "generic", "suse")]
    [InlineData("6.1.0-28-amd64", "generic", "debian")]
    [InlineData("6.18.44-fc-v669", "generic", null)]
    [InlineData("6.13.0", "generic", null)]
    public void Names_the_flavor_from_the_release(string release, string name, string? variant)
    {
        var flavor = KernelFlavorDetector.Detect(release, null, null);

        Assert.Equal(name, flavor.Name);
        Assert.Equal(variant, flavor.Variant);
        Assert.NotEmpty(flavor.Evidence);
    }

    [Fact]
    public void Evidence_says_what_was_relied_on()
    {
        Assert.Equal("release 6.1.0-28-rt-amd64 names rt; PREEMPT_RT in /proc/version; CONFIG_PREEMPT_RT=y",
            KernelFlavorDetector.Detect("6.1.0-28-rt-amd64", Version("SMP PREEMPT_RT"), new Dictionary<string, string> { ["CONFIG_PREEMPT_RT"] = "y" }).Evidence);
        Assert.Equal("no known flavor suffix in 6.18.44-fc-v669; taken as a generic build",
            KernelFlavorDetector.Detect("6.18.44-fc-v669", Version("SMP PREEMPT_DYNAMIC"), null).Evidence);
        Assert.Equal("release 6.18.2-2-cachyos-server-lto names linux-cachyos-server built with lto; CONFIG_CACHY=y (CachyOS scheduler tuning)",
            KernelFlavorDetector.Detect("6.18.2-2-cachyos-server-lto", null, new Dictionary<string, string> { ["CONFIG_CACHY"] = "y" }).Evidence);
        Assert.Equal("release suffix -aws (Ubuntu's linux-aws)", KernelFlavorDetector.Detect("6.8.0-1021-aws", null, null).Evidence);
    }

    [Fact]
    public void Any_kernel_built_with_preempt_rt_is_rt_whatever_its_release_says()
    {
        var byVersion = KernelFlavorDetector.Detect("6.12.0-custom", Version("SMP PREEMPT_RT"), null);
        var byConfig = KernelFlavorDetector.Detect("6.8.0-51-generic", null, new Dictionary<string, string> { ["CONFIG_PREEMPT_RT"] = "y" });

        Assert.Equal(("rt", "PREEMPT_RT in /proc/version"), (byVersion.Name, byVersion.Evidence));
        Assert.Equal(("rt", "CONFIG_PREEMPT_RT=y"), (byConfig.Name, byConfig.Evidence));
    }

    [Fact]
    public void The_cachyos_options_mark_a_cachyos_build_without_its_release_suffix()
    {
        var flavor = KernelFlavorDetector.Detect("6.18.2-custom", null,
            new Dictionary<string, string> { ["CONFIG_CACHY"] = "y", ["CONFIG_SCHED_BORE"] = "y" });

        Assert.Equal(new KernelFlavor("cachyos", null, "CONFIG_CACHY=y (CachyOS scheduler tuning); CONFIG_SCHED_BORE=y (BORE scheduler)"), flavor);
    }

    [Fact]
    public void Bore_alone_does_not_make_a_cachyos_kernel()
    {
        var flavor = KernelFlavorDetector.Detect("6.12.9-zen1-1-zen", null, new Dictionary<string, string> { ["CONFIG_SCHED_BORE"] = "y" });

        Assert.Equal("zen", flavor.Name);
    }

    private static ProcVersion Version(string flags) => new("Linux version x (b) (c) #1 " + flags, "x", flags.Split(' '));
}
