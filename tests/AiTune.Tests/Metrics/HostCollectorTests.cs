using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection;
using AiTune.Inspection.Accelerators;
using AiTune.Metrics;
using AiTune.Metrics.Host;
using AiTune.Tests.Support;

namespace AiTune.Tests.Metrics;

/// <summary>The host collectors on the fixtures, each value checked against the fixture's own files (see
/// tests/fixtures/hosts/README.md).</summary>
public class HostCollectorTests
{
    private static readonly HostSource Tree = new("host tree", false, new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), null, null);

    private static HostReadings Read(string fixture, params CgroupDirectory[] cgroups)
    {
        using var root = new FileSystemHostRoot(FixturePaths.Host(fixture));
        return HostReadings.Read(root, HostInspector.Inspect(root, Tree), cgroups);
    }

    private static (string Text, CollectorOutput Output) Run(IMetricCollector collector)
    {
        var output = new CollectorOutput();
        collector.Collect(output);
        return (ExpositionWriter.Write(output.Families, ExpositionFormat.PrometheusText), output);
    }

    private static string Lines(string text) => string.Join('\n', text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')));

    [Fact]
    public void Huge_pages_per_node_and_size_and_the_requests_beside_them()
    {
        var (text, output) = Run(new HugePagesCollector(Read("xeon-2numa-nvidia").Facts.Memory));

        Assert.True(output.Complete);
        // 8192 pages of 2 MiB and 16 of 1 GiB, half on each node, all free; hugepagesz=1G hugepages=16 on the command
        // line, vm.nr_hugepages = 12288 in /etc/sysctl.d/80-hugepages.conf.
        Assert.Equal(
            """
            aitune_hugepages_free_pages{page_size_bytes="2097152",node="0"} 4096
            aitune_hugepages_free_pages{page_size_bytes="1073741824",node="0"} 8
            aitune_hugepages_free_pages{page_size_bytes="2097152",node="1"} 4096
            aitune_hugepages_free_pages{page_size_bytes="1073741824",node="1"} 8
            """,
            Lines(text).Split('\n').Where(l => l.StartsWith("aitune_hugepages_free", StringComparison.Ordinal)).Aggregate((a, b) => a + "\n" + b));
        Assert.Contains("aitune_hugepages_pool_pages{page_size_bytes=\"1073741824\",node=\"1\"} 8\n", text);
        Assert.Contains("aitune_hugepages_surplus_pages{page_size_bytes=\"2097152\",node=\"0\"} 0\n", text);
        Assert.Contains("aitune_hugepages_reserved_pages{page_size_bytes=\"2097152\"} 0\n", text);
        Assert.Contains("aitune_hugepages_requested_pages{page_size_bytes=\"1073741824\",source=\"cmdline\"} 16\n", text);
        Assert.Contains("aitune_hugepages_requested_pages{page_size_bytes=\"2097152\",source=\"sysctl\"} 12288\n", text);
    }

    [Fact]
    public void Thp_modes_are_statesets_and_vmstat_events_are_counters()
    {
        var readings = Read("xeon-2numa-nvidia");
        var (text, output) = Run(new ThpCollector(readings.Facts.Memory.Thp, readings.Vmstat));

        Assert.True(output.Complete);
        // enabled: always [madvise] never; defrag: always defer defer+madvise [madvise] never
        Assert.Contains("aitune_thp_enabled{mode=\"always\"} 0\naitune_thp_enabled{mode=\"madvise\"} 1\naitune_thp_enabled{mode=\"never\"} 0\n", text);
        Assert.Contains("aitune_thp_defrag{mode=\"defer+madvise\"} 0\naitune_thp_defrag{mode=\"madvise\"} 1\n", text);
        Assert.Contains("# TYPE aitune_thp_events_total counter\n", text);
        Assert.Contains("aitune_thp_events_total{event=\"fault_alloc\"} 48211\n", text);
        Assert.Contains("aitune_thp_events_total{event=\"fault_fallback\"} 1377\n", text);
        Assert.Contains("aitune_thp_events_total{event=\"collapse_alloc_failed\"} 12\n", text);
        Assert.Equal(24, Lines(text).Split('\n').Count(l => l.StartsWith("aitune_thp_events_total", StringComparison.Ordinal)));
        Assert.DoesNotContain("nr_anon_transparent_hugepages", text);
    }

    [Fact]
    public void Without_thp_in_the_kernel_the_families_are_absent_and_the_collector_still_succeeds()
    {
        var readings = Read("epyc-amdgpu-rt-cgv1");
        var (text, output) = Run(new ThpCollector(readings.Facts.Memory.Thp, readings.Vmstat));

        Assert.Equal("", text);
        Assert.True(output.Complete); // CONFIG_TRANSPARENT_HUGEPAGE is not set: absent, not unreadable
        Assert.Contains("transparent huge pages: /sys/kernel/mm/transparent_hugepage does not exist", output.Notes);
    }

    [Fact]
    public void Pressure_totals_are_seconds_counters_with_irq_full_only()
    {
        var readings = Read("xeon-2numa-nvidia");
        var (text, output) = Run(new PressureCollector(readings.Facts.Cgroups, readings.IrqPressure));

        Assert.True(output.Complete);
        Assert.Equal(
            """
            aitune_pressure_stalled_seconds_total{resource="cpu",kind="some"} 48.213377
            aitune_pressure_stalled_seconds_total{resource="cpu",kind="full"} 0
            aitune_pressure_stalled_seconds_total{resource="memory",kind="some"} 1.520331
            aitune_pressure_stalled_seconds_total{resource="memory",kind="full"} 1.410872
            aitune_pressure_stalled_seconds_total{resource="io",kind="some"} 92.812245
            aitune_pressure_stalled_seconds_total{resource="io",kind="full"} 80.135521
            aitune_pressure_stalled_seconds_total{resource="irq",kind="full"} 2.718282
            """,
            Lines(text));
    }

    [Fact]
    public void Cgroup_pressure_is_read_from_the_cgroup_directory()
    {
        using var tree = new TempHostTree();
        tree.Write("/sys/fs/cgroup/ai.slice/cpu.pressure", "some avg10=0.00 avg60=0.00 avg300=0.00 total=1500000\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=500000\n")
            .Write("/sys/fs/cgroup/ai.slice/memory.pressure", "some avg10=1.00 avg60=0.00 avg300=0.00 total=250\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n")
            .Write("/sys/fs/cgroup/ai.slice/io.pressure", "some avg10=0.00 avg60=0.00 avg300=0.00 total=7\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=x\n");
        using var root = tree.Root();
        var pressure = CgroupPressure.Read(root, new CgroupDirectory("/ai.slice", "/sys/fs/cgroup/ai.slice"));
        var (text, output) = Run(new CgroupPressureCollector([pressure]));

        Assert.Equal(
            """
            aitune_cgroup_pressure_stalled_seconds_total{cgroup="/ai.slice",resource="cpu",kind="some"} 1.5
            aitune_cgroup_pressure_stalled_seconds_total{cgroup="/ai.slice",resource="cpu",kind="full"} 0.5
            aitune_cgroup_pressure_stalled_seconds_total{cgroup="/ai.slice",resource="memory",kind="some"} 0.00025
            aitune_cgroup_pressure_stalled_seconds_total{cgroup="/ai.slice",resource="memory",kind="full"} 0
            aitune_cgroup_pressure_stalled_seconds_total{cgroup="/ai.slice",resource="io",kind="some"} 7E-06
            """,
            Lines(text));
        Assert.False(output.Complete); // io full is malformed; irq.pressure is absent (not a failure)
        Assert.Equal(2, output.Notes.Count);
    }

    [Fact]
    public void Memory_values_come_from_meminfo_and_the_sysctls()
    {
        var (text, output) = Run(new MemoryCollector(Read("xeon-2numa-nvidia").Facts.Memory));

        Assert.True(output.Complete);
        // MemTotal 527,961,632 kB; swappiness 60; overcommit_memory 0, ratio 50.
        Assert.Contains("aitune_memory_total_bytes 540632711168\n", text);
        Assert.Contains("aitune_memory_swappiness 60\n", text);
        Assert.Contains("aitune_memory_overcommit_mode 0\n", text);
        Assert.Contains("aitune_memory_overcommit_ratio 50\n", text);
        Assert.Contains("# TYPE aitune_memory_available_bytes gauge\n", text);
    }

    [Fact]
    public void Kernel_info_and_the_longterm_end_of_life()
    {
        var (xeon, _) = Run(new KernelCollector(Read("xeon-2numa-nvidia").Facts.Kernel));
        var rt = Read("epyc-amdgpu-rt-cgv1").Facts.Kernel;
        var (text, output) = Run(new KernelCollector(rt));

        Assert.Contains("aitune_kernel_info{release=\"6.8.0-51-generic\",flavor=\"generic\",preemption=\"voluntary\",longterm_branch=\"\"} 1\n", xeon);
        Assert.DoesNotContain("end_of_life", xeon); // 6.8 is not a longterm branch
        Assert.True(output.Complete);
        Assert.Contains("aitune_kernel_info{release=\"6.1.0-28-rt-amd64\",flavor=\"rt\",preemption=\"rt\",longterm_branch=\"6.1\"} 1\n", text);
        var endOfLife = new DateTimeOffset(rt.Longterm.Value.EndOfLife!.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
        Assert.Contains($"aitune_kernel_end_of_life_timestamp_seconds {endOfLife}\n", text);
    }

    [Fact]
    public void Accelerators_with_their_numa_node_and_vram_where_the_driver_exposes_it()
    {
        var (xeon, _) = Run(new AcceleratorCollector(Read("xeon-2numa-nvidia").Facts.Accelerators));
        var (amd, output) = Run(new AcceleratorCollector(Read("epyc-amdgpu-rt-cgv1").Facts.Accelerators));

        Assert.Equal("aitune_accelerator_info{vendor=\"nvidia\",model=\"NVIDIA H100 80GB HBM3\",driver=\"nvidia\",numa_node=\"1\",pci_address=\"0000:98:00.0\"} 1", Lines(xeon));
        Assert.True(output.Complete);
        // mem_info_vram_total of 0000:c1:00.0
        Assert.Contains("aitune_accelerator_memory_bytes{pci_address=\"0000:c1:00.0\"} 68702699520\n", amd);
    }

    [Fact]
    public void A_hostile_device_name_is_escaped_exactly()
    {
        var accelerator = new Accelerator("0000:01:00.0", "gpu", "amd", "0x1002", "0x74a1", "0x030200", "class",
            "Radeon \"Pro\" \\ W7900\nrev2", "amdgpu", 0, "0-7", Fact.Unknown<int>(UnknownKind.Absent, "no IOMMU"),
            Fact.Known<IReadOnlyList<string>>(["/dev/dri/renderD128"]), 48L << 30, null);
        var (text, _) = Run(new AcceleratorCollector(Fact.Known<IReadOnlyList<Accelerator>>([accelerator])));

        Assert.Contains("aitune_accelerator_info{vendor=\"amd\",model=\"Radeon \\\"Pro\\\" \\\\ W7900\\nrev2\",driver=\"amdgpu\",numa_node=\"0\",pci_address=\"0000:01:00.0\"} 1\n", text);
    }
}
