using AiTune.Facts;
using AiTune.Inspection;
using AiTune.Inspection.Kernel;
using AiTune.Inspection.Memory;
using AiTune.Inspection.Mounts;
using AiTune.Tests.Support;
using CsCheck;

namespace AiTune.Tests.Inspection.Memory;

public class MemoryParsersTests
{
    [Theory]
    [InlineData("2M", 2097152L)]
    [InlineData("1G", 1073741824L)]
    [InlineData("1g", 1073741824L)]
    [InlineData("2048k", 2097152L)]
    [InlineData("4096", 4096L)]
    [InlineData("0x200000", 2097152L)]
    [InlineData("0x1e", 30L)]
    [InlineData("1T", 1099511627776L)]
    [InlineData("7E", 8070450532247928832L)]
    public void KernelSize_parses_memparse_sizes(string text, long bytes) => Assert.Equal(bytes, KernelSize.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("G")]
    [InlineData("-1G")]
    [InlineData("1.5G")]
    [InlineData("8E")]
    [InlineData("99999999999999999999")]
    [InlineData("1 G")]
    public void KernelSize_refuses_what_is_not_a_size(string text) => Assert.Null(KernelSize.Parse(text));

    [Theory]
    [InlineData("hugepages-2048kB", 2097152L)]
    [InlineData("hugepages-1048576kB", 1073741824L)]
    [InlineData("hugepages-64kB", 65536L)]
    public void HugePage_directory_names_give_the_page_size(string name, long bytes) => Assert.Equal(bytes, HugePageSysfs.ParsePageSize(name));

    [Theory]
    [InlineData("hugepages-0kB")]
    [InlineData("hugepages-kB")]
    [InlineData("hugepages-2048")]
    [InlineData("hugepages-99999999999999999kB")]
    [InlineData("hugepages--2kB")]
    [InlineData("demote")]
    public void Other_directory_names_are_not_pools(string name) => Assert.Null(HugePageSysfs.ParsePageSize(name));

    [Theory]
    [InlineData("hugepagesz=1G hugepages=16", "1073741824x16")]
    [InlineData("hugepages=512", "defaultx512")]
    [InlineData("hugepages=512 default_hugepagesz=1G", "1073741824x512")]
    [InlineData("default_hugepagesz=1G hugepages=8", "1073741824x8")]
    [InlineData("hugepagesz=2M hugepages=0:512,1:256 hugepagesz=1G hugepages=4", "2097152x512@0 2097152x256@1 1073741824x4")]
    [InlineData("hugepages=0:512,1:512", "defaultx512@0 defaultx512@1")]
    [InlineData("hugepagesz=3M hugepages=16", "")]
    [InlineData("hugepagesz=1G hugepages=4 hugepages=8", "1073741824x4")]
    [InlineData("hugepagesz=1G hugepages=4 hugepagesz=1G hugepages=8", "1073741824x4")]
    [InlineData("hugepagesz=2M hugepages=x hugepages=5", "2097152x5")]
    [InlineData("hugepages=0:1,oops", "")]
    [InlineData("hugepages=99999999999999999999", "")]
    [InlineData("quiet splash", "")]
    [InlineData("hugepagesz=1G hugepages=16 -- hugepages=4", "1073741824x16")]
    public void Command_line_requests_follow_mm_hugetlb(string cmdline, string expected)
    {
        var requests = HugePageCommandLine.Parse(KernelCommandLine.Parse(cmdline));
        Assert.All(requests, r => Assert.Equal(("kernel command line", true), (r.Source, r.AtBoot)));
        Assert.Equal(expected, string.Join(' ', requests.Select(r => $"{r.PageSizeBytes?.ToString() ?? "default"}x{r.Count}{(r.Node is { } n ? "@" + n : "")}")));
    }

    [Fact]
    public void Command_line_parsing_never_throws() =>
        Gen.String.Sample(text => HugePageCommandLine.Parse(KernelCommandLine.Parse("hugepagesz=" + text + " hugepages=" + text)));

    [Fact]
    public void KernelChoice_reads_the_bracketed_option_from_real_files()
    {
        var enabled = KernelChoice.Parse(File.ReadAllText(FixturePaths.File("files/memory/thp-enabled-6.18")), "enabled");
        Assert.Equal("madvise", enabled.Active.Value);
        Assert.Equal(["always", "madvise", "never"], enabled.Options);
        var defrag = KernelChoice.Parse(File.ReadAllText(FixturePaths.File("files/memory/thp-defrag-6.18")), "defrag");
        Assert.Equal(("madvise", 5), (defrag.Active.Value, defrag.Options.Count));
        var shmem = KernelChoice.Parse(File.ReadAllText(FixturePaths.File("files/memory/thp-shmem_enabled-6.18")), "shmem_enabled");
        Assert.Equal(["always", "within_size", "advise", "never", "deny", "force"], shmem.Options);
        Assert.Equal("never", shmem.Active.Value);
    }

    [Theory]
    [InlineData("always madvise never")]
    [InlineData("[always] [madvise] never")]
    [InlineData("")]
    [InlineData("[] x")]
    public void KernelChoice_without_exactly_one_bracket_is_malformed(string text) =>
        Assert.Equal(UnknownKind.Malformed, KernelChoice.Parse(text, "enabled").Active.Reason?.Kind);

    [Fact]
    public void KernelChoice_never_throws() => Gen.String.Sample(text => KernelChoice.Parse(text, "x"));

    [Fact]
    public void Swaps_parses_the_kernel_layout_and_detects_zram()
    {
        var text = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"
            + "/dev/zram0                              partition\t8388604\t\t1024\t\t100\n"
            + "/swap\\040file                            file\t\t33554428\t0\t\t-2\n";
        var areas = SwapsParser.Parse(text).Value;
        Assert.Equal(
            [
                new SwapArea("/dev/zram0", "partition", 8388604L * 1024, 1024L * 1024, 100, true),
                new SwapArea("/swap file", "file", 33554428L * 1024, 0, -2, false),
            ],
            areas);
    }

    [Fact]
    public void Swaps_real_empty_file_is_an_empty_list() =>
        Assert.Empty(SwapsParser.Parse(File.ReadAllText(FixturePaths.File("files/memory/swaps-empty-6.18-kvm"))).Value);

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("Filename Type Size Used Priority\n/dev/sda2 partition lots 0 -2\n")]
    [InlineData("Filename Type Size Used Priority\n/dev/sda2 partition 99999999999999999999 0 -2\n")]
    [InlineData("Filename Type Size Used Priority\n/dev/sda2 partition 10\n")]
    public void Swaps_malformed_is_unknown(string text) => Assert.Equal(UnknownKind.Malformed, SwapsParser.Parse(text).Reason?.Kind);

    [Theory]
    [InlineData("/dev/zram12", true)]
    [InlineData("/dev/zram", false)]
    [InlineData("/dev/zram0p1", false)]
    [InlineData("/var/dev/zram0", false)]
    public void Only_dev_zramN_is_zram(string name, bool zram)
    {
        var text = $"Filename Type Size Used Priority\n{name} partition 1 0 5\n";
        Assert.Equal(zram, SwapsParser.Parse(text).Value[0].IsZram);
    }

    [Fact]
    public void Swaps_never_throws() => Gen.String.Sample(text => SwapsParser.Parse("Filename\n" + text));

    [Fact]
    public void Process_limits_real_file_has_8_MiB_memlock()
    {
        var limit = ProcessLimitsParser.Parse(File.ReadAllText(FixturePaths.File("files/memory/limits-6.18-kvm")), ProcessLimitsParser.MaxLockedMemory);
        Assert.Equal(new ResourceLimit(8388608, 8388608), limit.Value);
    }

    [Theory]
    [InlineData("Max locked memory         unlimited            unlimited            bytes     \n", null, null)]
    [InlineData("Max locked memory         65536                unlimited            bytes     \n", 65536L, null)]
    public void Process_limits_unlimited_is_null(string text, long? soft, long? hard) =>
        Assert.Equal(new ResourceLimit(soft, hard), ProcessLimitsParser.Parse(text, ProcessLimitsParser.MaxLockedMemory).Value);

    [Theory]
    [InlineData("")]
    [InlineData("Max locked memory         lots                 unlimited            bytes\n")]
    [InlineData("Max locked memory\n")]
    [InlineData("Max locked memoryX 1 1 bytes\n")]
    public void Process_limits_malformed_or_missing_is_unknown(string text) =>
        Assert.Equal(UnknownKind.Malformed, ProcessLimitsParser.Parse(text, ProcessLimitsParser.MaxLockedMemory).Reason?.Kind);

    [Fact]
    public void Process_limits_never_throws() => Gen.String.Sample(text => ProcessLimitsParser.Parse("Max locked memory " + text, ProcessLimitsParser.MaxLockedMemory));

    [Fact]
    public void Limits_conf_keeps_memlock_lines_only_with_comments_stripped()
    {
        var text = "# comment\n*  soft  memlock  unlimited\n@gpu hard memlock 1048576 # trailing\nroot - memlock infinity\n"
            + "bob soft memlock -1\nbob soft nofile 1024\nbob soft memlock lots\nbob maybe memlock 5\n# * hard memlock 1\nx - memlock 1 extra\n";
        var entries = LimitsConfParser.Parse(text, "/etc/security/limits.conf", "memlock");
        Assert.Equal(
            [
                new LimitsEntry("*", "soft", "memlock", null, "/etc/security/limits.conf", 2),
                new LimitsEntry("@gpu", "hard", "memlock", 1048576, "/etc/security/limits.conf", 3),
                new LimitsEntry("root", "-", "memlock", null, "/etc/security/limits.conf", 4),
                new LimitsEntry("bob", "soft", "memlock", null, "/etc/security/limits.conf", 5),
            ],
            entries);
    }

    [Fact]
    public void Limits_conf_real_debian_file_has_no_memlock_entry() =>
        Assert.Empty(LimitsConfParser.Parse(File.ReadAllText(FixturePaths.File("files/memory/limits.conf-debian12")), "/etc/security/limits.conf", "memlock"));

    [Fact]
    public void Limits_conf_never_throws() => Gen.String.Sample(text => LimitsConfParser.Parse(text, "/x", "memlock"));

    [Theory]
    [InlineData("tmpfs /dev/shm tmpfs rw,nosuid,nodev,size=4194304k,inode64 0 0\n", 4294967296L)]
    [InlineData("tmpfs /dev/shm tmpfs rw,nosuid,nodev,inode64 0 0\n", 5000L)]
    [InlineData("tmpfs /dev/shm tmpfs rw,size=25% 0 0\n", 2500L)]
    [InlineData("tmpfs /dev/shm tmpfs rw,size=1g 0 0\ntmpfs /dev/shm tmpfs rw,size=2g 0 0\n", 2147483648L)]
    public void DevShm_size_comes_from_the_visible_tmpfs_or_is_half_of_ram(string mounts, long bytes) =>
        Assert.Equal(bytes, DevShmSize.FromMounts(Fact.Known(MountTable.Parse(mounts)), Fact.Known(10000L)).Value);

    [Theory]
    [InlineData("proc /proc proc rw 0 0\n", UnknownKind.Absent)]
    [InlineData("none /dev/shm ramfs rw 0 0\n", UnknownKind.Absent)]
    [InlineData("tmpfs /dev/shm tmpfs rw,size=huge 0 0\n", UnknownKind.Malformed)]
    [InlineData("tmpfs /dev/shm tmpfs rw,size=300% 0 0\n", UnknownKind.Malformed)]
    public void DevShm_size_unknown_cases(string mounts, UnknownKind kind) =>
        Assert.Equal(kind, DevShmSize.FromMounts(Fact.Known(MountTable.Parse(mounts)), Fact.Known(10000L)).Reason?.Kind);

    [Fact]
    public void DevShm_size_default_needs_memtotal() =>
        Assert.Equal(UnknownKind.Absent, DevShmSize.FromMounts(Fact.Known(MountTable.Parse("tmpfs /dev/shm tmpfs rw 0 0\n")),
            Fact.Unknown<long>(UnknownKind.Absent, "no meminfo")).Reason?.Kind);
}
