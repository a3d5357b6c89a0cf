using AiTune.Inspection.Sysctl;

namespace AiTune.Tests.Inspection.Sysctl;

public class SysctlKeySuggestionTests
{
    private static readonly string[] Keys = ["vm.swappiness", "vm.dirty_ratio", "vm.dirty_background_ratio", "net.core.somaxconn", "kernel.numa_balancing"];

    [Theory]
    [InlineData("vm.swapiness", "vm.swappiness")]
    [InlineData("vm.swappinses", "vm.swappiness")]
    [InlineData("vm.dirty_raito", "vm.dirty_ratio")]
    [InlineData("net.core.somaxcon", "net.core.somaxconn")]
    [InlineData("kernel.numa_balance", "kernel.numa_balancing")]
    public void A_misspelt_key_names_the_closest_key(string key, string closest) =>
        Assert.Equal(closest, SysctlKeySuggestion.Closest(key, Keys));

    [Theory]
    [InlineData("fs.inotify.max_user_watches")]
    [InlineData("vm.x")]
    public void A_key_close_to_none_names_none(string key) =>
        Assert.Null(SysctlKeySuggestion.Closest(key, Keys));

    [Theory]
    [InlineData("swapiness", "swappiness", 1)]
    [InlineData("ab", "ba", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    public void The_distance_counts_insertions_deletions_substitutions_and_swaps(string a, string b, int distance)
    {
        Assert.Equal(distance, SysctlKeySuggestion.Distance(a, b));
        Assert.Equal(distance, SysctlKeySuggestion.Distance(b, a));
    }
}
