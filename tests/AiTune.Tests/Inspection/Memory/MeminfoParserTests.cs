using AiTune.Facts;
using AiTune.Inspection.Memory;
using AiTune.Tests.Support;
using CsCheck;

namespace AiTune.Tests.Inspection.Memory;

public class MeminfoParserTests
{
    [Fact]
    public void Parses_the_real_meminfo_of_this_vm_in_bytes()
    {
        var meminfo = MeminfoParser.Parse(File.ReadAllText(FixturePaths.File("files/memory/meminfo-6.18-kvm")), "/proc/meminfo");
        Assert.Equal(24684084L * 1024, meminfo.Get("MemTotal").Value);
        Assert.Equal(24250628L * 1024, meminfo.Get("MemAvailable").Value);
        Assert.Equal(2048L * 1024, meminfo.Get("Hugepagesize").Value);
        Assert.Equal(0, meminfo.Get("HugePages_Total").Value);
        Assert.Equal(34359738367L * 1024, meminfo.Get("VmallocTotal").Value);
        Assert.Equal(0, meminfo.Get("AnonHugePages").Value);
        Assert.Equal(13092L * 1024, meminfo.Get("Mlocked").Value);
        Assert.Equal(UnknownKind.Absent, meminfo.Get("NoSuchField").Reason?.Kind);
        Assert.All(meminfo.Fields.Values, v => Assert.True(v.IsKnown));
    }

    [Fact]
    public void Parses_a_real_node_meminfo_without_the_node_prefix()
    {
        var meminfo = MeminfoParser.Parse(File.ReadAllText(FixturePaths.File("files/memory/node0-meminfo-6.18-kvm")), "/sys/devices/system/node/node0/meminfo");
        Assert.Equal(4417740L * 1024, meminfo.Get("MemTotal").Value);
        Assert.Equal(0, meminfo.Get("HugePages_Total").Value);
        Assert.Equal(36, meminfo.Fields.Count);
    }

    [Fact]
    public void A_malformed_or_overflowing_line_is_unknown_alone()
    {
        var meminfo = MeminfoParser.Parse(
            "MemTotal:       1024 kB\nMemFree:        lots kB\nBuffers: 99999999999999999999 kB\nCached: 9223372036854775807 kB\nSwapTotal: 5 MB\n\u0000\u0001junk\nNode 3 Shmem: 8 kB\n",
            "/proc/meminfo");
        Assert.Equal(1024L * 1024, meminfo.Get("MemTotal").Value);
        Assert.Equal(UnknownKind.Malformed, meminfo.Get("MemFree").Reason?.Kind);
        Assert.Equal(UnknownKind.Malformed, meminfo.Get("Buffers").Reason?.Kind);
        Assert.Equal(UnknownKind.Malformed, meminfo.Get("Cached").Reason?.Kind);
        Assert.Equal(UnknownKind.Malformed, meminfo.Get("SwapTotal").Reason?.Kind);
        Assert.Equal(8L * 1024, meminfo.Get("Shmem").Value);
        Assert.Contains("/proc/meminfo MemFree", meminfo.Get("MemFree").Reason!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_content_never_throws_and_known_sizes_are_never_negative()
    {
        Gen.String.Sample(text => Assert.All(MeminfoParser.Parse(text, "/proc/meminfo").Fields.Values, v => Assert.True(!v.IsKnown || v.Value >= 0)));
        Gen.Byte.Array.Sample(bytes => MeminfoParser.Parse(System.Text.Encoding.UTF8.GetString(bytes), "/proc/meminfo"));
        Gen.Select(Gen.String, Gen.Long).Sample((name, n) => MeminfoParser.Parse($"{name}: {n} kB\n", "/proc/meminfo"));
    }
}
