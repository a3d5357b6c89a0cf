using System.Formats.Tar;
using AiTune.Lab.Packages;
using AiTune.Tests.Support;

namespace AiTune.Tests.Lab.Packages;

public sealed class DebianPackageTests : IDisposable
{
    private readonly string directory = System.IO.Directory.CreateTempSubdirectory("aitune-deb-").FullName;

    public void Dispose() => System.IO.Directory.Delete(directory, recursive: true);

    private static DebBuilder Kernel() => new DebBuilder()
        .Directory("./")
        .Directory("./boot/")
        .File("./boot/config-6.1.0-test", "CONFIG_HZ=250\n")
        .File("./boot/vmlinuz-6.1.0-test", new byte[1000])
        .Directory("./usr/lib/modules/6.1.0-test/kernel/")
        .File("./usr/lib/modules/6.1.0-test/kernel/virtio.ko", "module")
        .Link("./usr/lib/modules/6.1.0-test/kernel/alias.ko", "virtio.ko")
        .File("./usr/share/doc/linux-image-test/changelog", "not kept");

    [Fact]
    public void The_real_package_names_itself_and_its_kernel_from_the_front_of_its_data()
    {
        var package = DebianPackage.Open(LabKernels.Package(LabKernels.Generic61));
        var head = package.ReadKernelHead();

        Assert.Equal(new PackageControl("linux-image-6.1.0-57-amd64-unsigned", "6.1.192-3", "amd64"), package.Control);
        Assert.Equal("6.1.0-57-amd64", head.Release);
        Assert.Equal("boot/vmlinuz-6.1.0-57-amd64", head.ImageName);
        Assert.Equal("boot/config-6.1.0-57-amd64", head.ConfigName);
        Assert.Equal(LabKernels.Image(LabKernels.Generic61).LongLength, head.ImageLength);
        Assert.Equal(LabKernels.Image(LabKernels.Generic61).AsSpan(0, DebianPackage.ImageHeadBytes).ToArray(), head.ImageHead);
        Assert.Contains("CONFIG_HZ=250\n", System.Text.Encoding.UTF8.GetString(head.Config));
    }

    [Fact]
    public void Extraction_keeps_boot_and_modules_with_merged_usr_moved_to_lib()
    {
        var package = DebianPackage.Open(Kernel().WriteTo(directory));
        var tree = Path.Join(directory, "tree");

        package.ExtractKernelTree(tree);

        Assert.Equal("CONFIG_HZ=250\n", File.ReadAllText(Path.Join(tree, "boot/config-6.1.0-test")));
        Assert.Equal("module", File.ReadAllText(Path.Join(tree, "lib/modules/6.1.0-test/kernel/virtio.ko")));
        Assert.Equal("virtio.ko", new FileInfo(Path.Join(tree, "lib/modules/6.1.0-test/kernel/alias.ko")).LinkTarget);
        Assert.False(System.IO.Directory.Exists(Path.Join(tree, "usr")));
        Assert.Equal([Path.Join(directory, "linux-image-test.deb"), tree], System.IO.Directory.EnumerateFileSystemEntries(directory).Order());
    }

    [Fact]
    public void The_cache_extracts_once_by_content_and_reuses_the_tree()
    {
        var package = DebianPackage.Open(Kernel().WriteTo(directory));
        var cache = Path.Join(directory, "cache");

        var first = KernelPackageCache.Extract(package, cache);
        File.WriteAllText(Path.Join(first, "marker"), "kept");
        var second = KernelPackageCache.Extract(package, cache);

        Assert.Equal(first, second);
        Assert.Equal(Path.Join(cache, KernelPackageCache.Sha256Of(package.FilePath)), first);
        Assert.True(File.Exists(Path.Join(second, "marker")));
    }

    [Fact]
    public void A_new_cache_and_every_parent_it_needs_are_private()
    {
        var package = DebianPackage.Open(Kernel().WriteTo(directory));
        var state = Path.Join(directory, "var-lib-aitune");

        KernelPackageCache.Extract(package, Path.Join(state, "cache", "kernels"));

        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Assert.Equal(Private, File.GetUnixFileMode(state));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Join(state, "cache")));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Join(state, "cache", "kernels")));
    }

    public static TheoryData<string, Func<DebBuilder, DebBuilder>, string> Hostile => new()
    {
        { "dotdot", b => b.File("./boot/../../../../tmp/evil", "x"), "climbs out with \"..\"" },
        { "absolute", b => b.File("/etc/evil", "x"), "absolute name" },
        { "link out", b => b.Link("./lib/modules/6.1.0-test/build", "../../../../../etc"), "points outside the tree" },
        { "absolute link", b => b.Link("./boot/vmlinuz", "/etc/shadow"), "points outside the tree" },
        { "hard link", b => b.Link("./boot/hard", "./boot/config-6.1.0-test", TarEntryType.HardLink), "hard link" },
        { "device", b => b.Special("./lib/modules/6.1.0-test/dev", TarEntryType.CharacterDevice), "device node" },
        { "twice", b => b.File("./boot/config-6.1.0-test", "again"), "twice" },
        { "file then directory", b => b.File("./boot/config-6.1.0-test/inside", "x"), "both as a file and as a directory" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_packages_are_refused_and_leave_nothing_behind(string name, Func<DebBuilder, DebBuilder> add, string message)
    {
        var package = DebianPackage.Open(add(Kernel()).WriteTo(directory, name.Replace(' ', '-') + ".deb"));
        var tree = Path.Join(directory, "tree");

        var error = Assert.Throws<AiTuneException>(() => package.ExtractKernelTree(tree));

        Assert.Contains(message, error.Message);
        Assert.StartsWith(name.Replace(' ', '-') + ".deb", error.Message);
        Assert.Single(System.IO.Directory.EnumerateFileSystemEntries(directory));
        Assert.False(File.Exists("/tmp/evil"));
    }

    [Fact]
    public void A_truncated_data_tar_is_refused_and_leaves_nothing_behind()
    {
        var path = Kernel().File("./lib/modules/6.1.0-test/big.ko", new byte[200_000]).WriteTo(directory, alterData: data => data[..(data.Length / 2)]);
        var package = DebianPackage.Open(path);

        var error = Assert.Throws<AiTuneException>(() => package.ExtractKernelTree(Path.Join(directory, "tree")));

        Assert.StartsWith("linux-image-test.deb is not a valid Debian package: ", error.Message);
        Assert.Single(System.IO.Directory.EnumerateFileSystemEntries(directory));
    }

    [Fact]
    public void A_truncated_real_package_is_refused_with_a_plain_message()
    {
        var real = File.ReadAllBytes(LabKernels.Package(LabKernels.Cloud61));
        var path = Path.Join(directory, "cut.deb");
        File.WriteAllBytes(path, real[..200_000]);

        var error = Assert.Throws<AiTuneException>(() => DebianPackage.Open(path).ReadKernelHead());

        Assert.StartsWith("cut.deb is not a valid Debian package: ", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void A_package_without_a_kernel_says_so()
    {
        var path = new DebBuilder().File("./usr/share/doc/x/copyright", "c").WriteTo(directory, "linux-headers.deb");

        var error = Assert.Throws<AiTuneException>(() => DebianPackage.Open(path).ReadKernelHead());

        Assert.Equal("linux-headers.deb holds no kernel: there is no boot/vmlinuz-* in it", error.Message);
    }

    [Fact]
    public void An_ar_archive_that_is_not_a_package_is_refused()
    {
        var path = Path.Join(directory, "lib.a");
        File.WriteAllBytes(path, ArWriter.Write([("foo.o", [1, 2, 3])]));

        var error = Assert.Throws<AiTuneException>(() => DebianPackage.Open(path));

        Assert.Equal("lib.a is not a valid Debian package: lib.a is an ar archive but not a Debian package (its first member is not debian-binary)", error.Message);
    }

    [Fact]
    public void Extraction_is_bounded_in_total()
    {
        var package = DebianPackage.Open(Kernel().WriteTo(directory));

        var error = Assert.Throws<AiTuneException>(() => package.ExtractKernelTree(Path.Join(directory, "tree"), maxTotalBytes: 500));

        Assert.Contains("unpacks to more than 500 bytes", error.Message);
        Assert.Single(System.IO.Directory.EnumerateFileSystemEntries(directory));
    }
}
