using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection.Accelerators;
using AiTune.Inspection.Kernel;
using AiTune.Tests.Support;

namespace AiTune.Tests.Inspection.Accelerators;

public class IommuInspectorTests
{
    private static Fact<KernelCommandLine> Cmdline(string text) => KernelCommandLine.Parse(text);

    private static IommuFacts InspectFixture(string host, string cmdline)
    {
        using var root = new FileSystemHostRoot(FixturePaths.Host(host));
        return IommuInspector.Inspect(root, Cmdline(cmdline));
    }

    [Fact]
    public void Xeon_runs_in_passthrough_as_its_groups_say()
    {
        var facts = InspectFixture("xeon-2numa-nvidia",
            "BOOT_IMAGE=/vmlinuz-6.8.0-51-generic root=UUID=6c1f... ro intel_iommu=on iommu=pt hugepagesz=1G hugepages=16 quiet splash");
        Assert.Equal(IommuModes.Passthrough, facts.Mode.Value);
        Assert.Equal("all 10 typed IOMMU groups are passthrough (/sys/kernel/iommu_groups/*/type)", facts.Evidence);
        Assert.Equal(10, facts.GroupCount.Value);
        Assert.Equal(["intel_iommu=on", "iommu=pt"], facts.CmdlineParameters);
        Assert.Equal("550.127.05", facts.NvidiaDriverVersion.Value);
    }

    [Fact]
    public void Epyc_has_no_groups_so_the_iommu_is_off()
    {
        var facts = InspectFixture("epyc-amdgpu-rt-cgv1", "BOOT_IMAGE=/boot/vmlinuz-6.1.0-28-rt-amd64 root=/dev/sda2 ro quiet");
        Assert.Equal(IommuModes.Off, facts.Mode.Value);
        Assert.Equal("no IOMMU groups in /sys/kernel/iommu_groups: no IOMMU translates DMA", facts.Evidence);
        Assert.Equal(0, facts.GroupCount.Value);
        Assert.Empty(facts.CmdlineParameters);
        Assert.Equal(UnknownKind.Absent, facts.NvidiaDriverVersion.Reason!.Kind);
    }

    [Fact]
    public void Kvm_guest_has_no_groups_so_the_iommu_is_off()
    {
        var facts = InspectFixture("kvm-hardened",
            "BOOT_IMAGE=/vmlinuz-linux-hardened root=/dev/vda2 rw lockdown=confidentiality init_on_free=1 slab_nomerge mitigations=auto,nosmt");
        Assert.Equal(IommuModes.Off, facts.Mode.Value);
        Assert.Equal(0, facts.GroupCount.Value);
        Assert.Empty(facts.CmdlineParameters);
    }

    [Fact]
    public void No_groups_while_the_command_line_asks_for_an_iommu_is_explained()
    {
        using var tree = new TempHostTree();
        using var root = tree.Mkdir("/sys/kernel/iommu_groups").Root();
        var facts = IommuInspector.Inspect(root, Cmdline("root=/dev/sda1 intel_iommu=on iommu=pt"));
        Assert.Equal(IommuModes.Off, facts.Mode.Value);
        Assert.Equal(0, facts.GroupCount.Value);
        Assert.Contains("although the command line has intel_iommu=on iommu=pt", facts.Evidence);
    }

    /// <summary>Two groups: 7 (a NIC, DMA-FQ) and 40 (a GPU, given by <paramref name="gpuType"/>).</summary>
    private static TempHostTree MixedTree(string gpuType)
    {
        var tree = new TempHostTree();
        tree.Write("/sys/kernel/iommu_groups/7/type", "DMA-FQ\n").Write("/sys/kernel/iommu_groups/40/type", gpuType + "\n")
            .Link("/sys/kernel/iommu_groups/7/devices/0000:4b:00.0", "../../../../devices/pci0000:4a/0000:4b:00.0")
            .Write("/sys/devices/pci0000:4a/0000:4b:00.0/class", "0x020000\n")
            .Link("/sys/kernel/iommu_groups/40/devices/0000:98:00.0", "../../../../devices/pci0000:97/0000:98:00.0")
            .Write("/sys/devices/pci0000:97/0000:98:00.0/class", "0x030200\n")
            .Write("/sys/devices/pci0000:97/0000:98:00.0/vendor", "0x10de\n");
        return tree;
    }

    [Fact]
    public void Mixed_group_types_are_decided_by_the_gpu_groups()
    {
        using var tree = MixedTree("identity");
        using var root = tree.Root();
        var facts = IommuInspector.Inspect(root, Cmdline("quiet"));
        Assert.Equal(IommuModes.Passthrough, facts.Mode.Value);
        Assert.Equal("IOMMU groups differ (passthrough: 1, translated-lazy: 1); the accelerator groups (40) are passthrough", facts.Evidence);
        Assert.Equal(2, facts.GroupCount.Value);
    }

    [Fact]
    public void A_bmc_display_adapter_in_its_own_group_does_not_decide_the_mode()
    {
        using var tree = MixedTree("identity");
        tree.Write("/sys/kernel/iommu_groups/16/type", "DMA\n")
            .Link("/sys/kernel/iommu_groups/16/devices/0000:03:00.0", "../../../../devices/pci0000:00/0000:03:00.0")
            .Write("/sys/devices/pci0000:00/0000:03:00.0/class", "0x030000\n").Write("/sys/devices/pci0000:00/0000:03:00.0/vendor", "0x1a03\n");
        using var root = tree.Root();
        var facts = IommuInspector.Inspect(root, Cmdline("quiet"));
        Assert.Equal(IommuModes.Passthrough, facts.Mode.Value);
        Assert.Equal("IOMMU groups differ (passthrough: 1, translated-lazy: 1, translated-strict: 1); the accelerator groups (40) are passthrough", facts.Evidence);
    }

    [Fact]
    public void Mixed_group_types_without_a_gpu_are_mixed()
    {
        using var tree = MixedTree("DMA");
        tree.Write("/sys/devices/pci0000:97/0000:98:00.0/class", "0x010802\n");
        using var root = tree.Root();
        var facts = IommuInspector.Inspect(root, Cmdline("quiet"));
        Assert.Equal(IommuModes.Mixed, facts.Mode.Value);
        Assert.Equal("IOMMU groups differ (translated-lazy: 1, translated-strict: 1) and no single mode holds for the accelerator groups", facts.Evidence);
    }

    [Theory]
    [InlineData("iommu=pt", IommuModes.Passthrough, "iommu=pt")]
    [InlineData("iommu.passthrough=1", IommuModes.Passthrough, "iommu.passthrough=1")]
    [InlineData("iommu.strict=0", IommuModes.TranslatedLazy, "iommu.strict=0")]
    [InlineData("iommu.passthrough=0 iommu.strict=1", IommuModes.TranslatedStrict, "iommu.strict=1")]
    [InlineData("intel_iommu=on,strict", IommuModes.TranslatedStrict, "intel_iommu=strict")]
    [InlineData("amd_iommu=fullflush", IommuModes.TranslatedStrict, "amd_iommu=fullflush")]
    [InlineData("iommu=pt amd_iommu=off", IommuModes.Off, "amd_iommu=off")]
    public void Groups_without_type_files_fall_back_on_the_command_line(string cmdline, string mode, string parameter)
    {
        using var tree = new TempHostTree();
        using var root = tree.Mkdir("/sys/kernel/iommu_groups/0/devices").Mkdir("/sys/kernel/iommu_groups/1/devices").Root();
        var facts = IommuInspector.Inspect(root, Cmdline(cmdline));
        Assert.Equal(mode, facts.Mode.Value);
        Assert.Equal($"2 IOMMU groups but no readable group type (the type file came in Linux 5.11); taken from the command line ({parameter})", facts.Evidence);
    }

    [Fact]
    public void Groups_without_type_files_and_a_silent_command_line_leave_the_mode_unknown()
    {
        using var tree = new TempHostTree();
        using var root = tree.Mkdir("/sys/kernel/iommu_groups/3/devices").Root();
        var facts = IommuInspector.Inspect(root, Cmdline("intel_iommu=on"));
        Assert.False(facts.Mode.IsKnown);
        Assert.EndsWith("the command line does not set the mode", facts.Evidence);
        Assert.Equal(["intel_iommu=on"], facts.CmdlineParameters);
    }

    [Fact]
    public void An_unknown_command_line_is_said_in_the_evidence()
    {
        using var tree = new TempHostTree();
        using var root = tree.Mkdir("/sys/kernel/iommu_groups").Root();
        var facts = IommuInspector.Inspect(root, Fact.Unknown<KernelCommandLine>(UnknownKind.PermissionDenied, "no access"));
        Assert.Equal(IommuModes.Off, facts.Mode.Value);
        Assert.Empty(facts.CmdlineParameters);
        Assert.EndsWith("; command line unknown (no access)", facts.Evidence);
    }

    [Fact]
    public void Iommu_parameters_are_listed_as_written()
    {
        var parameters = IommuCommandLine.Parameters(KernelCommandLine.Parse("quiet iommu=pt intel_iommu=on,sm_on amd_iommu_intr=legacy iommu.strict=1 iommu.forcedac nomodeset"));
        Assert.Equal(["iommu=pt", "intel_iommu=on,sm_on", "amd_iommu_intr=legacy", "iommu.strict=1", "iommu.forcedac"], parameters);
    }

    [Fact]
    public void Live_host_mode_agrees_with_the_group_count()
    {
        using var root = new FileSystemHostRoot("/");
        var facts = IommuInspector.Inspect(root, root.ReadText("/proc/cmdline").Map(KernelCommandLine.Parse));
        Assert.True(facts.GroupCount.IsKnown);
        Assert.NotEmpty(facts.Evidence);
        if (facts.GroupCount.Value == 0)
        {
            Assert.Equal(IommuModes.Off, facts.Mode.Value);
        }
    }
}
