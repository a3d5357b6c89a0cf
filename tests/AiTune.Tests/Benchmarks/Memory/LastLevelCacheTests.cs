using AiTune.Benchmarks.Memory;
using AiTune.Tests.Support;

namespace AiTune.Tests.Benchmarks.Memory;

public sealed class LastLevelCacheTests
{
    [Fact]
    public void Each_last_level_instance_counts_once_and_instruction_caches_never()
    {
        using var tree = new TempHostTree();
        // Two sockets, two CPUs each: per-CPU L1d/L1i/L2, one 32 MiB L3 per socket.
        for (int cpu = 0; cpu < 4; cpu++)
        {
            string cache = $"/sys/devices/system/cpu/cpu{cpu}/cache";
            WriteCache(tree, $"{cache}/index0", 1, "Data", "48K", $"{cpu}");
            WriteCache(tree, $"{cache}/index1", 1, "Instruction", "32K", $"{cpu}");
            WriteCache(tree, $"{cache}/index2", 2, "Unified", "2048K", $"{cpu}");
            WriteCache(tree, $"{cache}/index3", 3, "Unified", "32768K", cpu < 2 ? "0-1" : "2-3");
        }

        tree.Write("/sys/devices/system/cpu/online", "0-3\n");
        using var root = tree.Root();

        var total = LastLevelCache.TotalBytes(root);

        Assert.Equal(64L << 20, total.Value);
    }

    [Fact]
    public void A_host_whose_sysfs_lists_no_caches_has_an_unknown_size()
    {
        using var tree = new TempHostTree();
        tree.Mkdir("/sys/devices/system/cpu/cpu0");
        using var root = tree.Root();

        var total = LastLevelCache.TotalBytes(root);

        Assert.False(total.IsKnown);
        Assert.Contains("no data or unified cache", total.Reason!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void This_host_reports_a_positive_size_or_says_why_not()
    {
        using var root = new AiTune.Hosting.FileSystemHostRoot("/");

        var total = LastLevelCache.TotalBytes(root);

        Assert.True(total.IsKnown ? total.Value > 0 : total.Reason!.Detail.Length > 0);
    }

    private static void WriteCache(TempHostTree tree, string directory, int level, string type, string size, string shared) =>
        tree.Write($"{directory}/level", $"{level}\n")
            .Write($"{directory}/type", $"{type}\n")
            .Write($"{directory}/size", $"{size}\n")
            .Write($"{directory}/shared_cpu_list", $"{shared}\n");
}
