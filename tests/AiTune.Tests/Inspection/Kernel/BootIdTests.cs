using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection;
using AiTune.Inspection.Kernel;
using AiTune.Tests.Support;

namespace AiTune.Tests.Inspection.Kernel;

public class BootIdTests
{
    private static readonly HostSource Tree = new("host tree", false, new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), null, null);

    [Theory]
    [InlineData("xeon-2numa-nvidia", "3f2b8c1e-9d4a-4e57-b6a0-5c7d2e19f084")]
    [InlineData("epyc-amdgpu-rt-cgv1", "8e0d6a47-21c3-4f9b-a5d8-0b6e3c97f215")]
    [InlineData("kvm-hardened", "c61f0b9e-7a2d-4d83-9e15-4b8a0f3d6e72")]
    public void Built_fixtures_have_their_boot_id(string host, string expected)
    {
        using var root = new FileSystemHostRoot(FixturePaths.Host(host));

        Assert.Equal(expected, KernelInspector.Inspect(root, Tree).BootId.Value);
    }

    [Fact]
    public void This_vm_capture_predates_the_boot_id()
    {
        using var root = new FileSystemHostRoot(FixturePaths.Host("this-vm"));

        Assert.Equal(UnknownReason.Absent("/proc/sys/kernel/random/boot_id"), KernelInspector.Inspect(root, Tree).BootId.Reason);
    }

    [Theory]
    [InlineData("3F2B8C1E-9D4A-4E57-B6A0-5C7D2E19F084\n")]
    [InlineData("3f2b8c1e9d4a4e57b6a05c7d2e19f084\n")]
    [InlineData("{3f2b8c1e-9d4a-4e57-b6a0-5c7d2e19f084}\n")]
    [InlineData("3f2b8c1e-9d4a-4e57-b6a0-5c7d2e19f084\nsecond\n")]
    [InlineData("")]
    public void Anything_but_the_kernels_uuid_is_malformed(string content)
    {
        using var tree = new TempHostTree().Write("/proc/sys/kernel/random/boot_id", content);

        Assert.Equal(UnknownReason.Malformed("/proc/sys/kernel/random/boot_id", "not a UUID (8-4-4-4-12 lower-case hex digits)"),
            KernelInspector.Inspect(tree.Root(), Tree).BootId.Reason);
    }

    [Fact]
    public void A_huge_boot_id_file_is_not_read_whole()
    {
        using var tree = new TempHostTree().Write("/proc/sys/kernel/random/boot_id", new string('a', 1 << 20));

        Assert.Equal(UnknownKind.Unreadable, KernelInspector.Inspect(tree.Root(), Tree).BootId.Reason!.Kind);
    }

    [Fact]
    public void Live_boot_id_is_the_kernels()
    {
        using var root = new FileSystemHostRoot("/");

        var bootId = KernelInspector.Inspect(root, new HostSource("the live host", true, DateTimeOffset.UtcNow, null, null)).BootId;

        Assert.Equal(File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim(), bootId.Value);
        Assert.Equal(bootId.Value, KernelInspector.Inspect(root, Tree).BootId.Value);
    }
}
