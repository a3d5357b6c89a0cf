using System.IO.Compression;
using AiTune.Hosting;
using AiTune.Inspection.Kernel;
using AiTune.Lab.Kernels;
using AiTune.Tests.Support;

namespace AiTune.Tests.Lab.Kernels;

public sealed class KernelCandidatesTests : IDisposable
{
    private const string Release = "6.1.0-57-amd64";
    private static readonly DateOnly Day = new(2026, 12, 6);
    private readonly string directory = Directory.CreateTempSubdirectory("aitune-kernels-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static byte[] Config(string release)
    {
        using var gzip = new GZipStream(File.OpenRead(FixturePaths.File($"files/kernel/configs/config-{release}.gz")), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>A host tree with the real 6.1 generic kernel installed: image, config (in /boot or only in
    /// lib/modules), modules directory.</summary>
    private string Tree(bool configInBoot = true, bool config = true)
    {
        var root = Path.Join(directory, "tree");
        Directory.CreateDirectory(Path.Join(root, "boot"));
        Directory.CreateDirectory(Path.Join(root, "lib/modules", Release, "kernel"));
        File.WriteAllBytes(Path.Join(root, "boot", "vmlinuz-" + Release), LabKernels.Image(LabKernels.Generic61));
        if (config)
        {
            File.WriteAllBytes(configInBoot ? Path.Join(root, "boot", "config-" + Release) : Path.Join(root, "lib/modules", Release, "config"), Config(Release));
        }

        return root;
    }

    private static void AssertGeneric61(KernelCandidate kernel)
    {
        Assert.Equal(Release, kernel.Release);
        Assert.Equal("generic", kernel.Flavor.Name);
        Assert.Equal(PreemptionModel.Voluntary, kernel.Preemption.Value);
        Assert.True(kernel.PreemptDynamic.Value);
        Assert.Equal(250, kernel.Hz.Value);
        Assert.Equal(new LongtermStatus("6.1", true, new DateOnly(2027, 12, 31), false, LongtermTable.Shipped.Value.CheckedOn), kernel.Longterm.Value);
        Assert.Equal("250", kernel.Options["CONFIG_HZ"]);
        Assert.True(kernel.Options.Count > 7000);
    }

    [Fact]
    public void Installed_kernels_of_a_host_tree_are_found_with_the_inspectors_facts()
    {
        var root = Tree();
        using var host = new FileSystemHostRoot(root);

        var kernel = Assert.Single(KernelCandidates.Installed(host, Day));

        AssertGeneric61(kernel);
        Assert.Equal(KernelSourceKind.Installed, kernel.Source);
        Assert.Equal(Path.Join(root, "boot", "config-" + Release), kernel.ConfigSource);
        Assert.Equal(Path.Join(root, "boot", "vmlinuz-" + Release), kernel.ImagePath);
        Assert.Equal(Path.Join(root, "lib/modules", Release), kernel.ModulesDirectory);
        Assert.Equal(KernelInspector.Hz(KernelConfigParser.Parse(Config(Release), "c"), "c"), kernel.Hz);
    }

    [Fact]
    public void The_config_is_also_found_in_lib_modules()
    {
        using var host = new FileSystemHostRoot(Tree(configInBoot: false));

        var kernel = Assert.Single(KernelCandidates.Installed(host, Day));

        Assert.EndsWith($"/lib/modules/{Release}/config", kernel.ConfigSource);
    }

    [Fact]
    public void A_host_without_boot_has_no_installed_kernels()
    {
        using var host = new FileSystemHostRoot(directory);

        Assert.Empty(KernelCandidates.Installed(host, Day));
    }

    [Fact]
    public void A_tree_an_image_and_a_release_name_resolve_to_the_same_kernel()
    {
        var root = Tree();
        using var host = new FileSystemHostRoot(root);

        var fromTree = Assert.Single(KernelCandidates.Resolve(root, host, Day));
        var fromImage = Assert.Single(KernelCandidates.Resolve(Path.Join(root, "boot", "vmlinuz-" + Release), host, Day));
        var fromRelease = Assert.Single(KernelCandidates.Resolve(Release, host, Day));

        Assert.Equal(KernelSourceKind.Tree, fromTree.Source);
        Assert.Equal(KernelSourceKind.Image, fromImage.Source);
        Assert.Equal(KernelSourceKind.Installed, fromRelease.Source);
        foreach (var kernel in new[] { fromTree, fromImage, fromRelease })
        {
            AssertGeneric61(kernel);
        }
    }

    [Fact]
    public void A_package_is_read_in_place_and_extracted_once_to_boot()
    {
        var package = LabKernels.Package(LabKernels.Cloud61);
        using var host = new FileSystemHostRoot(directory);

        var kernel = Assert.Single(KernelCandidates.Resolve(package, host, Day));

        Assert.Equal(KernelSourceKind.Package, kernel.Source);
        Assert.Equal("6.1.0-57-cloud-amd64", kernel.Release);
        Assert.Equal("cloud", kernel.Flavor.Name);
        Assert.Null(kernel.ImagePath);
        Assert.Equal($"{LabKernels.Cloud61}:boot/config-6.1.0-57-cloud-amd64", kernel.ConfigSource);
        Assert.Equal("linux-image-6.1.0-57-cloud-amd64-unsigned", kernel.Package!.Name);
    }

    [Fact]
    public void A_tree_without_a_config_is_an_error_with_a_hint()
    {
        var root = Tree(config: false);
        using var host = new FileSystemHostRoot(directory);

        var error = Assert.Throws<AiTuneException>(() => KernelCandidates.Resolve(root, host, Day));

        Assert.Equal($"kernel {Release} in host tree {root} has no configuration: neither /boot/config-{Release} nor /lib/modules/{Release}/config", error.Message);
        Assert.Contains("/boot/config-" + Release, error.Hint);
    }

    [Fact]
    public void A_file_that_is_neither_a_package_nor_a_kernel_is_refused()
    {
        var path = Path.Join(directory, "notes.txt");
        File.WriteAllText(path, "hello");
        using var host = new FileSystemHostRoot(directory);

        var error = Assert.Throws<AiTuneException>(() => KernelCandidates.Resolve(path, host, Day));

        Assert.Equal($"{path} is not a Linux kernel image: it is 5 bytes, shorter than any boot header", error.Message);
    }

    [Fact]
    public void An_image_renamed_to_another_release_is_refused()
    {
        var root = Tree();
        File.Move(Path.Join(root, "boot", "vmlinuz-" + Release), Path.Join(root, "boot", "vmlinuz-6.1.0-99-amd64"));
        using var host = new FileSystemHostRoot(root);

        var error = Assert.Throws<AiTuneException>(() => KernelCandidates.Installed(host, Day));

        Assert.Equal($"/boot/vmlinuz-6.1.0-99-amd64 is named for release 6.1.0-99-amd64, but its boot header says {Release}", error.Message);
    }

    [Fact]
    public void An_unknown_name_lists_the_installed_releases_in_the_hint()
    {
        using var host = new FileSystemHostRoot(Tree());

        var error = Assert.Throws<AiTuneException>(() => KernelCandidates.Resolve("6.99-nothing", host, Day));

        Assert.Equal("6.99-nothing: no such file, directory or installed kernel", error.Message);
        Assert.EndsWith(Release, error.Hint);
    }

    [Fact]
    public void An_installed_kernel_boots_in_place_and_a_package_from_the_cache()
    {
        var root = Tree();
        using var host = new FileSystemHostRoot(root);
        var installed = Assert.Single(KernelCandidates.Installed(host, Day));

        var bootable = KernelCandidates.Bootable(installed, Path.Join(directory, "cache"));

        Assert.Equal(new BootableKernel(Release, Path.Join(root, "boot", "vmlinuz-" + Release), Path.Join(root, "lib/modules", Release)), bootable);

        var deb = new DebBuilder()
            .File($"./boot/config-{Release}", Config(Release))
            .File($"./boot/vmlinuz-{Release}", LabKernels.Image(LabKernels.Generic61))
            .File($"./usr/lib/modules/{Release}/modules.order", "kernel/virtio.ko\n")
            .WriteTo(directory);
        var packaged = Assert.Single(KernelCandidates.Resolve(deb, host, Day));
        var cache = Path.Join(directory, "cache");

        var extracted = KernelCandidates.Bootable(packaged, cache);
        var again = KernelCandidates.Bootable(packaged, cache);

        Assert.Equal(extracted, again);
        Assert.StartsWith(cache + "/", extracted.ImagePath);
        Assert.Equal(LabKernels.Image(LabKernels.Generic61), File.ReadAllBytes(extracted.ImagePath));
        Assert.True(File.Exists(Path.Join(extracted.ModulesDirectory!, "modules.order")));
    }
}
