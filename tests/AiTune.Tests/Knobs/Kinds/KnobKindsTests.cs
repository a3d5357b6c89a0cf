using AiTune.Hosting;
using AiTune.Inspection;
using AiTune.Knobs;
using AiTune.Knobs.Kinds;
using AiTune.Knobs.Persistence;
using AiTune.Tests.Support;
using AiTune.Tuning.Writing;

namespace AiTune.Tests.Knobs.Kinds;

/// <summary>The registry holds one descriptor per kind, and each says everything a kind has to say: TuneD option,
/// runtime fix, persistent form, persistence file.</summary>
public class KnobKindsTests
{
    private static readonly Lazy<HostFacts> Host = new(() =>
    {
        using var root = new FileSystemHostRoot(FixturePaths.Host("xeon-2numa-nvidia"));
        return HostInspector.Inspect(root, new HostSource("host tree", false, new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), null, null));
    });

    /// <summary>A sample knob of each kind, a value, the subjects that differ, and what the descriptor must say.</summary>
    public static TheoryData<string, string, string, string, string?, string, PersistenceForm> Samples => new()
    {
        { "sysctl:vm.swappiness", "10", "", "[sysctl] vm.swappiness = 10", "sysctl -w vm.swappiness=10",
            "add \"vm.swappiness = 10\" to /etc/sysctl.d/99-aitune.conf, then sysctl --system", PersistenceForm.SysctlDropIn },
        { "thp:enabled", "never", "", "[vm] transparent_hugepages = never", "echo never > /sys/kernel/mm/transparent_hugepage/enabled",
            "add transparent_hugepage=never to GRUB_CMDLINE_LINUX_DEFAULT in /etc/default/grub.d/90-aitune.cfg and run update-grub; or add \"w /sys/kernel/mm/transparent_hugepage/enabled - - - - never\" to /etc/tmpfiles.d/aitune.conf",
            PersistenceForm.Tmpfiles },
        { "cpu:governor", "performance", "", "[cpu] governor = performance", "cpupower frequency-set -g performance",
            "add \"w /sys/devices/system/cpu/cpufreq/policy*/scaling_governor - - - - performance\" to /etc/tmpfiles.d/aitune.conf (systemd-tmpfiles writes it at every boot)",
            PersistenceForm.Tmpfiles },
        { "block.nvme:scheduler", "none", "nvme0n1", "[disk] elevator = none", "echo none > /sys/block/nvme0n1/queue/scheduler",
            "add to /etc/udev/rules.d/99-aitune.rules: ACTION==\"add|change\", SUBSYSTEM==\"block\", KERNEL==\"nvme[0-9]*n[0-9]*\", ATTR{queue/scheduler}=\"none\"",
            PersistenceForm.UdevRule },
        { "cmdline:iommu", "pt", "", "[bootloader] cmdline = iommu=pt", null,
            "add iommu=pt to GRUB_CMDLINE_LINUX_DEFAULT in /etc/default/grub.d/90-aitune.cfg, run update-grub (grub2-mkconfig -o /boot/grub2/grub.cfg on Fedora/RHEL) and reboot",
            PersistenceForm.GrubDropIn },
        { "hugepages:2048kB", "512", "", "[bootloader] cmdline = hugepagesz=2M hugepages=512",
            "echo 1 > /proc/sys/vm/compact_memory; echo 512 > /sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages (then read it back: the kernel may grant fewer)",
            "reserve at boot, before memory fragments: add hugepagesz=2M hugepages=512 to GRUB_CMDLINE_LINUX_DEFAULT in /etc/default/grub.d/90-aitune.cfg, run update-grub and reboot",
            PersistenceForm.Tmpfiles },
        { "scheduler:migration_cost_ns", "5000000", "", "[scheduler] sched_migration_cost_ns = 5000000",
            "mountpoint -q /sys/kernel/debug || mount -t debugfs debugfs /sys/kernel/debug; echo 5000000 > /sys/kernel/debug/sched/migration_cost_ns (kernels before 5.13: sysctl -w kernel.sched_migration_cost_ns=5000000)",
            "add \"w /sys/kernel/debug/sched/migration_cost_ns - - - - 5000000\" to /etc/tmpfiles.d/aitune.conf (systemd-tmpfiles writes it at every boot)",
            PersistenceForm.Tmpfiles },
    };

    [Fact]
    public void The_registry_has_one_descriptor_per_kind_in_the_enum_order()
    {
        Assert.Equal(Enum.GetValues<KnobKind>(), KnobKinds.All.Select(d => d.Kind));
        Assert.Equal(KnobKinds.All.Count, KnobKinds.All.Select(d => d.Prefix).Distinct().Count());
        Assert.All(Enum.GetValues<KnobKind>(), kind => Assert.Equal(kind, KnobKinds.Of(kind).Kind));
    }

    [Fact]
    public void Every_kind_has_a_sample_here()
    {
        var sampled = Samples.Select(row => Knob.TryParse((string)row[0])!.Kind).ToList();

        Assert.Equal(Enum.GetValues<KnobKind>().Order(), sampled.Order());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_kind_says_its_tuned_option_fix_and_persistence(string id, string value, string subject, string tuned,
        string? runtime, string persistent, PersistenceForm form)
    {
        var knob = Knob.TryParse(id)!;
        var kind = KnobKinds.Of(knob);
        var site = new FixSite(Host.Value, PersistencePaths.SysctlDirectory + "/" + PersistencePaths.SysctlFileName(99));

        var fix = kind.Fix(knob, value, subject.Length == 0 ? [] : [subject], site);

        Assert.Equal(id, knob.Id);
        Assert.Same(kind, KnobKinds.ByPrefix(id[..id.IndexOf(':', StringComparison.Ordinal)]));
        Assert.Equal(tuned, kind.Tuned(knob, value).ToString());
        Assert.Equal(runtime, fix.Runtime);
        Assert.Equal(persistent, fix.Persistent);
        Assert.Equal(form, kind.Persistence);
        Assert.Equal(form == PersistenceForm.SysctlDropIn ? knob.Name : null, knob.SysctlKey());
    }

    [Theory]
    [InlineData(PersistenceForm.SysctlDropIn, null, "/etc/sysctl.d/")]
    [InlineData(PersistenceForm.UdevRule, "/etc/udev/rules.d/99-aitune.rules", "/etc/udev/rules.d/")]
    [InlineData(PersistenceForm.Tmpfiles, "/etc/tmpfiles.d/aitune.conf", "/etc/tmpfiles.d/")]
    [InlineData(PersistenceForm.GrubDropIn, "/etc/default/grub.d/90-aitune.cfg", "/etc/default/grub.d/")]
    public void Each_persistence_form_names_the_file_apply_writes(PersistenceForm form, string? file, string directory)
    {
        Assert.Equal(file, form.FixedFile());
        Assert.Equal(directory, form.Directory());
        Assert.True(file is null || PersistencePaths.IsAituneFile(file));
    }

    [Theory]
    [InlineData("sysctl:vm.swappiness", "", "/proc/sys/vm/swappiness")]
    [InlineData("thp:khugepaged_defrag", "", "/sys/kernel/mm/transparent_hugepage/khugepaged/defrag")]
    [InlineData("cpu:energy_performance_preference", "policy3", "/sys/devices/system/cpu/cpufreq/policy3/energy_performance_preference")]
    [InlineData("block.ssd:read_ahead_kb", "sda", "/sys/block/sda/queue/read_ahead_kb")]
    [InlineData("hugepages:1048576kB", "node1", "/sys/devices/system/node/node1/hugepages/hugepages-1048576kB/nr_hugepages")]
    [InlineData("scheduler:base_slice_ns", "", "/sys/kernel/debug/sched/base_slice_ns")]
    public void The_file_a_kind_locates_is_one_the_write_path_allows_and_only_that_kind_claims(string id, string subject, string path)
    {
        var knob = Knob.TryParse(id)!;

        var location = KnobLocator.Locate(Host.Value, knob, subject, out var notApplicable);

        Assert.Equal(path, location?.Path);
        Assert.Null(notApplicable);
        Assert.True(KnobLocator.IsAllowed(path));
        Assert.Equal([knob.Kind], KnobKinds.All.Where(d => d.MayWrite(path)).Select(d => d.Kind));
    }

    [Fact]
    public void A_kernel_parameter_has_no_file_and_no_kind_claims_a_path_outside_its_own()
    {
        var location = KnobLocator.Locate(Host.Value, Knob.Cmdline("iommu"), "", out var notApplicable);

        Assert.Null(location);
        Assert.Equal("takes effect at the next boot (a kernel command-line parameter has no runtime file)", notApplicable);
        Assert.True(KnobKinds.Of(KnobKind.Cmdline).TakesEffectAtBoot);
        Assert.DoesNotContain(KnobKinds.All, d => d.MayWrite("/etc/shadow") || d.MayWrite("/proc/sys/../../etc/shadow"));
    }

    [Theory]
    [InlineData("thp:shmem_enabled", "[sysfs] /sys/kernel/mm/transparent_hugepage/shmem_enabled = advise", false)]
    [InlineData("thp:defrag", "[vm] transparent_hugepage.defrag = advise", true)]
    [InlineData("block.hdd:read_ahead_kb", "[disk] readahead = advise", true)]
    [InlineData("block.nvme:nr_requests", "[sysfs] /sys/block/nvme*/queue/nr_requests = advise", false)]
    [InlineData("scheduler:base_slice_ns", "[scheduler] sched_base_slice_ns = advise", true)]
    [InlineData("cpu:boost", "[cpu] boost = advise", true)]
    public void Names_without_an_option_of_their_own_map_to_tuned_catch_alls(string id, string tuned, bool dedicated)
    {
        var knob = Knob.TryParse(id)!;

        var option = KnobKinds.Of(knob).Tuned(knob, "advise");

        Assert.Equal(tuned, option.ToString());
        Assert.Equal(dedicated, option.Dedicated);
    }

    [Fact]
    public void Only_huge_pages_reserve_memory_retry_after_compaction_and_name_their_node()
    {
        var hugePages = KnobKinds.All.Where(d => d.ReservesMemory || d.RetriesAfterCompaction || d.SettingNamesItsSubject).Select(d => d.Kind);

        Assert.Equal([KnobKind.HugePages], hugePages);
        Assert.Equal([KnobKind.Block], KnobKinds.All.Where(d => d.PerDevice).Select(d => d.Kind));
        Assert.Equal(
            "the kernel granted 100 of 512 huge pages of 2048kB (memory too fragmented or too small at runtime, even after compaction); "
            + "reserve them at boot instead: hugepagesz=2M hugepages=1:512 on the kernel command line (a [cmdline] setting, written to the GRUB drop-in by apply --persist)",
            KnobKinds.Of(KnobKind.HugePages).Shortfall(Knob.HugePages("2048kB"), "node1", "512", "100"));
        Assert.Null(KnobKinds.Of(KnobKind.Sysctl).Shortfall(Knob.Sysctl("vm.swappiness"), "", "10", "60"));
    }

    [Theory]
    [InlineData("64kB", "hugepagesz=64K hugepages=8")]
    [InlineData("32768kB", "hugepagesz=32M hugepages=8")]
    [InlineData("1048576kB", "hugepagesz=1G hugepages=8")]
    public void Apply_remedy_and_the_audit_fix_name_the_same_page_size(string size, string parameters)
    {
        var kind = KnobKinds.Of(KnobKind.HugePages);
        var fix = kind.Fix(Knob.HugePages(size), "8", [], new FixSite(null!, null));

        Assert.Contains(parameters + " on the kernel command line", kind.Shortfall(Knob.HugePages(size), "", "8", "1"));
        Assert.Contains(parameters, fix.Persistent);
    }

    [Fact]
    public void Only_sysctls_have_irreversible_values_and_forbidden_names()
    {
        Assert.Equal("kernel.yama.ptrace_scope=3 cannot be lowered until reboot",
            KnobKinds.Of(KnobKind.Sysctl).Irreversible(Knob.Sysctl("kernel.yama.ptrace_scope"), " 3"));
        Assert.Null(KnobKinds.Of(KnobKind.Sysctl).Irreversible(Knob.Sysctl("kernel.yama.ptrace_scope"), "2"));
        Assert.All(KnobKinds.All.Where(d => d.Kind != KnobKind.Sysctl), d => Assert.Null(d.Irreversible(new Knob(d.Kind, "modules_disabled"), "1")));
        Assert.Equal("the kernel runs this program as root to load modules", KnobKinds.Of(KnobKind.Sysctl).NeverWritten(Knob.Sysctl("kernel.modprobe")));
        Assert.Null(KnobKinds.Of(KnobKind.Sysctl).NeverWritten(Knob.Sysctl("vm.swappiness")));
        Assert.All(KnobKinds.All.Where(d => d.Kind != KnobKind.Sysctl), d => Assert.Null(d.NeverWritten(new Knob(d.Kind, "kernel.modprobe"))));
    }
}
