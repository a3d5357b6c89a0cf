using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection.Storage;
using AiTune.Tests.Support;

namespace AiTune.Tests.Inspection.Storage;

public class StorageInspectorTests
{
    private static IReadOnlyList<BlockDevice> Inspect(string host)
    {
        using var root = new FileSystemHostRoot(FixturePaths.Host(host));
        return StorageInspector.Inspect(root).Devices.Value;
    }

    private static void AssertDevice(BlockDevice device, string name, string? model, bool rotational, bool nvme, bool isVirtual,
        long sizeBytes, string scheduler, string[] available, long readAheadKb, long nrRequests, long maxSectorsKb)
    {
        Assert.Equal(name, device.Name);
        if (model is null)
        {
            Assert.Equal(UnknownKind.Absent, device.Model.Reason!.Kind);
        }
        else
        {
            Assert.Equal(model, device.Model.Value);
        }

        Assert.Equal(rotational, device.Rotational.Value);
        Assert.Equal(nvme, device.Nvme);
        Assert.Equal(isVirtual, device.Virtual);
        Assert.Equal(sizeBytes, device.SizeBytes.Value);
        Assert.Equal(scheduler, device.Scheduler.Value);
        Assert.Equal(available, device.SchedulersAvailable);
        Assert.Equal(readAheadKb, device.ReadAheadKb.Value);
        Assert.Equal(nrRequests, device.NrRequests.Value);
        Assert.Equal(maxSectorsKb, device.MaxSectorsKb.Value);
    }

    [Fact]
    public void Xeon_has_two_nvme_drives_without_scheduler()
    {
        var devices = Inspect("xeon-2numa-nvidia");
        Assert.Equal(2, devices.Count);
        AssertDevice(devices[0], "nvme0n1", "SAMSUNG MZQL23T8HCLS-00A07", false, true, false, 7501476528L * 512, "none", ["none", "mq-deadline"], 128, 1023, 128);
        AssertDevice(devices[1], "nvme1n1", "SAMSUNG MZQL23T8HCLS-00A07", false, true, false, 7501476528L * 512, "none", ["none", "mq-deadline"], 128, 1023, 128);
    }

    [Fact]
    public void Epyc_has_a_sata_ssd_and_a_disk_with_bfq()
    {
        var devices = Inspect("epyc-amdgpu-rt-cgv1");
        Assert.Equal(2, devices.Count);
        AssertDevice(devices[0], "sda", "Samsung SSD 870", false, false, false, 1953525168L * 512, "mq-deadline", ["mq-deadline", "bfq", "none"], 128, 64, 1280);
        AssertDevice(devices[1], "sdb", "ST4000NM000A-2HZ", true, false, false, 7814037168L * 512, "bfq", ["mq-deadline", "bfq", "none"], 128, 64, 1280);
    }

    [Fact]
    public void Kvm_has_a_virtio_disk_and_a_zram_device_without_request_queue_files()
    {
        var devices = Inspect("kvm-hardened");
        Assert.Equal(["vda", "zram0"], devices.Select(d => d.Name));
        AssertDevice(devices[0], "vda", null, true, false, false, 64L << 30, "none", ["none", "mq-deadline"], 128, 256, 4096);

        var zram = devices[1];
        Assert.True(zram.Virtual);
        Assert.False(zram.Nvme);
        Assert.False(zram.Rotational.Value);
        Assert.Equal(8L << 30, zram.SizeBytes.Value);
        Assert.Equal(UnknownKind.Absent, zram.Scheduler.Reason!.Kind);
        Assert.Empty(zram.SchedulersAvailable);
        Assert.Equal(UnknownKind.Absent, zram.NrRequests.Reason!.Kind);
        Assert.Equal(128, zram.ReadAheadKb.Value);
        Assert.Equal(128, zram.MaxSectorsKb.Value);
    }

    [Fact]
    public void A_block_entry_linking_out_of_the_tree_gives_unknown_facts_and_reads_nothing_outside()
    {
        using var tree = new TempHostTree();
        tree.Link("/sys/block/sdz", "../../../../../../etc");
        using var root = tree.Root();
        var read = new List<string>();
        root.Observer = access => read.Add(access.CanonicalPath);

        var device = Assert.Single(StorageInspector.Inspect(root).Devices.Value);

        Assert.Equal("sdz", device.Name);
        foreach (var reason in new[] { device.Model.Reason, device.Rotational.Reason, device.SizeBytes.Reason, device.Scheduler.Reason,
                     device.ReadAheadKb.Reason, device.NrRequests.Reason, device.MaxSectorsKb.Reason })
        {
            Assert.Equal(UnknownKind.Unreadable, reason!.Kind);
            Assert.Contains("leaves the host tree", reason.Detail);
        }

        Assert.False(device.Virtual);
        Assert.Empty(device.SchedulersAvailable);
        Assert.All(read, path => Assert.StartsWith("/sys/block", path));
    }

    [Fact]
    public void A_link_that_climbs_to_the_tree_root_stays_inside_it()
    {
        // "../../etc" from /sys/block is the tree's own /etc: read inside the root, not the host's.
        using var tree = new TempHostTree();
        tree.Link("/sys/block/sdy", "../../etc").Write("/etc/size", "8\n");
        using var root = tree.Root();
        Assert.Equal(4096, Assert.Single(StorageInspector.Inspect(root).Devices.Value).SizeBytes.Value);
    }

    [Fact]
    public void Kinds_come_from_names_and_links()
    {
        using var tree = new TempHostTree();
        tree.Link("/sys/block/dm-0", "../devices/virtual/block/dm-0").Write("/sys/devices/virtual/block/dm-0/queue/scheduler", "none\n")
            .Link("/sys/block/md127", "../devices/md127") // not under virtual/: the name says it
            .Link("/sys/block/nvme0c0n1", "../devices/pci0000:00/0000:00:01.0/0000:01:00.0/nvme/nvme0/nvme0c0n1")
            .Link("/sys/block/xvda", "../devices/vbd-51712/block/xvda")
            .Link("/sys/block/disk-on-nvme", "../devices/pci0000:00/0000:00:02.0/0000:02:00.0/nvme/nvme1/disk-on-nvme");
        using var root = tree.Root();

        var devices = StorageInspector.Inspect(root).Devices.Value.ToDictionary(d => d.Name);

        Assert.True(devices["dm-0"].Virtual);
        Assert.Equal("none", devices["dm-0"].Scheduler.Value);
        Assert.Equal(["none"], devices["dm-0"].SchedulersAvailable);
        Assert.True(devices["md127"].Virtual);
        Assert.True(devices["nvme0c0n1"].Nvme);
        Assert.False(devices["nvme0c0n1"].Virtual);
        Assert.False(devices["xvda"].Nvme);
        Assert.False(devices["xvda"].Virtual);
        Assert.True(devices["disk-on-nvme"].Nvme);
    }

    [Fact]
    public void A_native_multipath_namespace_under_devices_virtual_is_an_nvme_drive_not_a_virtual_device()
    {
        using var tree = new TempHostTree();
        const string subsystem = "/sys/devices/virtual/nvme-subsystem/nvme-subsys0";
        tree.Link("/sys/block/nvme0n1", "../devices/virtual/nvme-subsystem/nvme-subsys0/nvme0n1")
            .Link(subsystem + "/nvme0n1/device", "../../nvme-subsys0")
            .Write(subsystem + "/model", "SAMSUNG MZQL23T8HCLS-00A07              \n")
            .Link("/sys/block/nvme1n1", "../devices/virtual/nvme-fabrics/ctl/nvme1/nvme1n1");
        using var root = tree.Root();

        var devices = StorageInspector.Inspect(root).Devices.Value;

        Assert.All(devices, device => Assert.True(device.Nvme && !device.Virtual, device.Name));
        Assert.Equal("SAMSUNG MZQL23T8HCLS-00A07", devices[0].Model.Value);
    }

    [Fact]
    public void Malformed_files_make_only_their_own_fact_unknown()
    {
        using var tree = new TempHostTree();
        tree.Link("/sys/block/sda", "../devices/pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/block/sda");
        const string dir = "/sys/devices/pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/block/sda";
        tree.Write(dir + "/size", "lots\n").Write(dir + "/queue/rotational", "0\n").Write(dir + "/queue/scheduler", "mq-deadline none\n")
            .Write(dir + "/queue/read_ahead_kb", "128\n").WriteBytes(dir + "/queue/nr_requests", [0xff, 0xfe, 0x00])
            .Write(dir + "/queue/max_sectors_kb", "1280\n");
        using var root = tree.Root();

        var device = Assert.Single(StorageInspector.Inspect(root).Devices.Value);

        Assert.Equal(UnknownKind.Malformed, device.SizeBytes.Reason!.Kind);
        Assert.StartsWith("/sys/block/sda/size", device.SizeBytes.Reason.Detail);
        Assert.Equal(UnknownKind.Malformed, device.Scheduler.Reason!.Kind);
        Assert.Equal(UnknownKind.Malformed, device.NrRequests.Reason!.Kind);
        Assert.False(device.Rotational.Value);
        Assert.Equal(128, device.ReadAheadKb.Value);
        Assert.Equal(1280, device.MaxSectorsKb.Value);
        Assert.Equal(UnknownKind.Absent, device.Model.Reason!.Kind);
    }

    [Fact]
    public void A_tree_without_sys_block_has_unknown_devices()
    {
        using var tree = new TempHostTree();
        using var root = tree.Mkdir("/proc").Root();
        Assert.Equal(UnknownKind.Absent, StorageInspector.Inspect(root).Devices.Reason!.Kind);
    }

    [Fact]
    public void Live_host_lists_every_block_device_with_its_queue_settings()
    {
        using var root = new FileSystemHostRoot("/");
        var devices = StorageInspector.Inspect(root).Devices.Value;

        Assert.Equal(Directory.EnumerateFileSystemEntries("/sys/block").Select(Path.GetFileName).Order(StringComparer.Ordinal), devices.Select(d => d.Name));
        foreach (var device in devices)
        {
            Assert.True(device.SizeBytes.Value >= 0);
            Assert.True(device.ReadAheadKb.IsKnown);
            Assert.True(device.MaxSectorsKb.Value > 0);
            if (File.Exists($"/sys/block/{device.Name}/queue/scheduler"))
            {
                Assert.Contains(device.Scheduler.Value, device.SchedulersAvailable);
                var text = File.ReadAllText($"/sys/block/{device.Name}/queue/scheduler").Trim();
                Assert.True(text == "none" || text.Contains($"[{device.Scheduler.Value}]"), text);
            }

            if (device.Name.StartsWith("loop", StringComparison.Ordinal))
            {
                Assert.True(device.Virtual);
            }
        }
    }
}
