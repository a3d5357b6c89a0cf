using AiTune.Lab.Image;
using AiTune.Tests.Support;

namespace AiTune.Tests.Lab.Image;

public class KernelModuleTreeTests(LabKernelTrees kernels) : IClassFixture<LabKernelTrees>
{
    [Fact]
    public void On_6_1_the_channel_modules_load_after_every_dependency_their_own_depends_names()
    {
        var tree = KernelModuleTree.Open(kernels.Modules61);
        var selection = tree.Resolve(GuestImage.ChannelModules);
        var names = selection.LoadOrder.Select(m => m.Name).ToList();

        Assert.False(tree.HasModulesDep); // Debian's package ships none
        Assert.Empty(selection.BuiltIn);
        Assert.Equal(names.Count, names.Distinct().Count());
        foreach (var before in new[] { "virtio", "virtio_ring", "virtio_pci_modern_dev", "virtio_pci_legacy_dev" })
        {
            Assert.True(names.IndexOf(before) >= 0 && names.IndexOf(before) < names.IndexOf("virtio_pci"), $"{before} loads before virtio_pci: {string.Join(' ', names)}");
        }

        Assert.True(names.IndexOf("virtio_console") > names.IndexOf("virtio_ring"));
        foreach (var module in selection.LoadOrder)
        {
            var info = ModuleInfo.Read(module.Content, module.RelativePath);
            Assert.Equal(module.Name, info.Name);
            Assert.All(info.Depends, dependency => Assert.True(names.IndexOf(dependency) < names.IndexOf(module.Name), $"{dependency} before {module.Name}"));
            Assert.EndsWith(".ko", module.RelativePath);
            Assert.Equal(File.ReadAllBytes(Path.Join(kernels.Modules61, module.RelativePath)), module.Content);
        }

        var virtioPci = ModuleInfo.Read(selection.LoadOrder.Single(m => m.Name == "virtio_pci").Content, "virtio_pci");
        Assert.Equal(["virtio", "virtio_pci_legacy_dev", "virtio_pci_modern_dev", "virtio_ring"], virtioPci.Depends.Order());
    }

    [Fact]
    public void On_6_12_the_channel_modules_are_built_in_and_an_xz_module_is_decompressed_by_its_dashed_name()
    {
        var tree = KernelModuleTree.Open(kernels.Modules612);

        var channel = tree.Resolve(GuestImage.ChannelModules);
        Assert.Equal(["virtio_pci", "virtio_console"], channel.BuiltIn);
        Assert.Empty(channel.LoadOrder);
        Assert.True(tree.IsBuiltIn("virtio-pci"));

        var balloon = tree.Resolve(["hangcheck-timer", "virtio_balloon"]);
        Assert.Equal("kernel/drivers/char/hangcheck-timer.ko", balloon.LoadOrder[0].RelativePath);
        Assert.Equal("hangcheck_timer", ModuleInfo.Read(balloon.LoadOrder[0].Content, "hangcheck-timer").Name);
        Assert.Equal("virtio_balloon", ModuleInfo.Read(balloon.LoadOrder[^1].Content, "virtio_balloon").Name);
        Assert.Equal([0x7f, (byte)'E', (byte)'L', (byte)'F'], balloon.LoadOrder[^1].Content[..4]);
    }

    [Fact]
    public void Modules_dep_decides_the_order_when_the_tree_has_one()
    {
        using var copy = CopyOf61(
            "kernel/drivers/virtio/virtio_pci.ko: kernel/drivers/virtio/virtio_ring.ko kernel/drivers/virtio/virtio.ko\n" +
            "kernel/drivers/virtio/virtio_ring.ko:\nkernel/drivers/virtio/virtio.ko: kernel/drivers/virtio/virtio_ring.ko\n");
        var tree = KernelModuleTree.Open(copy.Path);

        Assert.True(tree.HasModulesDep);
        Assert.Equal(["virtio_ring", "virtio", "virtio_pci"], tree.Resolve(["virtio_pci"]).LoadOrder.Select(m => m.Name));
    }

    [Fact]
    public void A_dependency_loop_is_an_error_that_names_the_loop()
    {
        using var copy = CopyOf61(
            "kernel/drivers/virtio/virtio_pci.ko: kernel/drivers/virtio/virtio.ko\n" +
            "kernel/drivers/virtio/virtio.ko: kernel/drivers/virtio/virtio_ring.ko\nkernel/drivers/virtio/virtio_ring.ko: kernel/drivers/virtio/virtio.ko\n");

        var error = Assert.Throws<AiTuneException>(() => KernelModuleTree.Open(copy.Path).Resolve(["virtio_pci"]));

        Assert.Contains("virtio -> virtio_ring -> virtio", error.Message);
    }

    [Fact]
    public void A_missing_module_or_dependency_is_an_error_that_names_it()
    {
        using var copy = CopyOf61("kernel/drivers/virtio/virtio_pci.ko: kernel/drivers/virtio/virtio_gone.ko\n");
        var tree = KernelModuleTree.Open(copy.Path);

        Assert.Contains("no module virtio_gone, which virtio_pci depends on", Assert.Throws<AiTuneException>(() => tree.Resolve(["virtio_pci"])).Message);
        Assert.Contains("no module nine_p", Assert.Throws<AiTuneException>(() => tree.Resolve(["nine-p"])).Message);
    }

    [Fact]
    public void A_file_that_is_not_a_module_is_an_error_naming_it()
    {
        using var copy = CopyOf61(null);
        File.WriteAllBytes(Path.Join(copy.Path, "kernel/drivers/virtio/virtio_ring.ko"), "not a module at all, just some text that is long enough"u8.ToArray());

        var error = Assert.Throws<AiTuneException>(() => KernelModuleTree.Open(copy.Path).Resolve(["virtio_pci"]));

        Assert.Contains("virtio_ring.ko", error.Message);
    }

    /// <summary>A copy of 6.1's drivers/virtio with the given modules.dep (none when null).</summary>
    private TemporaryTree CopyOf61(string? modulesDep)
    {
        var copy = new TemporaryTree();
        string target = System.IO.Directory.CreateDirectory(System.IO.Path.Join(copy.Path, "kernel/drivers/virtio")).FullName;
        foreach (var file in System.IO.Directory.GetFiles(System.IO.Path.Join(kernels.Modules61, "kernel/drivers/virtio")))
        {
            File.Copy(file, System.IO.Path.Join(target, System.IO.Path.GetFileName(file)));
        }

        if (modulesDep is not null)
        {
            File.WriteAllText(System.IO.Path.Join(copy.Path, "modules.dep"), modulesDep);
        }

        return copy;
    }

    private sealed class TemporaryTree : IDisposable
    {
        public string Path { get; } = System.IO.Directory.CreateDirectory(
            System.IO.Path.Join(System.IO.Directory.CreateTempSubdirectory("aitune-modules-").FullName, LabKernelTrees.Release61)).FullName;

        public void Dispose() => System.IO.Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
    }
}
