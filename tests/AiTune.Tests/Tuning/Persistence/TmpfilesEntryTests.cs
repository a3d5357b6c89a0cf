using AiTune.Tuning.Persistence;

namespace AiTune.Tests.Tuning.Persistence;

public class TmpfilesEntryTests
{
    [Fact]
    public void W_lines_in_the_order_given()
    {
        var file = TmpfilesEntry.Render("inference-latency",
        [
            ("/sys/kernel/mm/transparent_hugepage/enabled", "madvise"),
            ("/sys/devices/system/cpu/cpufreq/policy*/scaling_governor", "powersave"),
            ("/sys/devices/system/cpu/cpufreq/policy*/energy_performance_preference", "balance_performance"),
            ("/sys/devices/system/node/node1/hugepages/hugepages-1048576kB/nr_hugepages", "16"),
            ("/sys/devices/system/cpu/cpufreq/boost", "1"),
        ]);

        Assert.Equal("/etc/tmpfiles.d/aitune.conf", file.Path);
        Assert.Equal("""
            # Written by aitune: profile inference-latency. Remove with `aitune rollback`; do not edit.
            w /sys/kernel/mm/transparent_hugepage/enabled - - - - madvise
            w /sys/devices/system/cpu/cpufreq/policy*/scaling_governor - - - - powersave
            w /sys/devices/system/cpu/cpufreq/policy*/energy_performance_preference - - - - balance_performance
            w /sys/devices/system/node/node1/hugepages/hugepages-1048576kB/nr_hugepages - - - - 16
            w /sys/devices/system/cpu/cpufreq/boost - - - - 1
            """ + "\n", file.Content);
    }

    [Theory]
    [InlineData("/proc/sys/vm/swappiness")]
    [InlineData("/etc/passwd")]
    [InlineData("/sys")]
    [InlineData("/sys/")]
    [InlineData("sys/kernel/mm/transparent_hugepage/enabled")]
    [InlineData("/sys/../etc/shadow")]
    [InlineData("/sys/kernel/./mm")]
    [InlineData("/sys/kernel//mm")]
    [InlineData("/sys/kernel/mm/")]
    [InlineData("/sys/kernel/mm/a b")]
    [InlineData("/sys/kernel/%h")]
    [InlineData("/sys/kernel/\\x2e\\x2e")]
    [InlineData("/sys/kernel/mm\n")]
    [InlineData("/sys/kernel/\"mm\"")]
    public void Paths_outside_sys_or_with_tmpfiles_syntax_are_refused(string path) =>
        Assert.Throws<AiTuneException>(() => TmpfilesEntry.Render("base", [(path, "1")]));

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("always madvise")]
    [InlineData("madvise\n")]
    [InlineData("madvise\tx")]
    [InlineData("%H")]
    [InlineData("\\n")]
    [InlineData("\"madvise\"")]
    [InlineData("'madvise'")]
    [InlineData("$(id)")]
    public void Hostile_values_are_refused(string value) =>
        Assert.Throws<AiTuneException>(() => TmpfilesEntry.Render("base", [("/sys/kernel/mm/transparent_hugepage/enabled", value)]));

    [Fact]
    public void A_path_given_twice_is_refused() =>
        Assert.Throws<AiTuneException>(() => TmpfilesEntry.Render("base",
            [("/sys/kernel/mm/transparent_hugepage/enabled", "madvise"), ("/sys/kernel/mm/transparent_hugepage/enabled", "never")]));
}
