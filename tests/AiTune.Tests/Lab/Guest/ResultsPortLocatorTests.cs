using AiTune.Lab.Guest;
using AiTune.Lab.Qemu;

namespace AiTune.Tests.Lab.Guest;

/// <summary>The port lookup against a fake /sys/class/virtio-ports, laid out as the kernel does (one directory per port
/// with a "name" file holding the host's name and a newline).</summary>
public class ResultsPortLocatorTests
{
    private static void Port(string root, string port, string? name)
    {
        Directory.CreateDirectory(Path.Combine(root, port));
        if (name is not null)
        {
            File.WriteAllText(Path.Combine(root, port, "name"), name);
        }
    }

    [Fact]
    public void The_port_named_aitune_results_is_its_dev_node()
    {
        using var work = LabWorkDirectory.Create();
        string root = Path.Combine(work.Path, "virtio-ports");
        Port(root, "vport0p0", "");
        Port(root, "vport1p1", "org.qemu.guest_agent.0\n");
        Port(root, "vport1p2", "aitune.results\n");

        Assert.Equal("/dev/vport1p2", ResultsPortLocator.Find(root));
    }

    [Fact]
    public void No_such_port_or_no_directory_is_none()
    {
        using var work = LabWorkDirectory.Create();
        string root = Path.Combine(work.Path, "virtio-ports");

        Assert.Null(ResultsPortLocator.Find(root));
        Port(root, "vport0p1", "aitune.results.old\n");
        Port(root, "vport0p2", null);
        Assert.Null(ResultsPortLocator.Find(root));
    }

    [Fact]
    public void An_entry_not_named_like_a_port_is_never_a_device_path()
    {
        using var work = LabWorkDirectory.Create();
        string root = Path.Combine(work.Path, "virtio-ports");
        Port(root, "..hidden", "aitune.results\n");
        Port(root, "vport0p1x", "aitune.results\n");

        Assert.Null(ResultsPortLocator.Find(root));
    }
}
