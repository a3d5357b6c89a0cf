using AiTune.Benchmarks.Scheduler;

namespace AiTune.Tests.Benchmarks.Scheduler;

public sealed class CpuPairTests
{
    [Fact]
    public void Smt_siblings_are_passed_over_for_another_core()
    {
        // 2 cores × 2 threads, Intel numbering: CPU 0's sibling is CPU 2.
        var pair = CpuPair.Choose([0, 1, 2, 3], cpu => [cpu % 2, cpu % 2 + 2], _ => 0);

        Assert.Equal(new CpuPair(0, 1, false), pair);
    }

    [Fact]
    public void Another_core_in_the_same_package_is_preferred_to_another_package()
    {
        // CPU 1 is on package 1, CPU 2 on package 0 with CPU 0.
        var pair = CpuPair.Choose([0, 1, 2, 3], cpu => [cpu], cpu => cpu % 2);

        Assert.Equal(new CpuPair(0, 2, false), pair);
    }

    [Fact]
    public void Another_package_is_used_when_it_is_the_only_other_core()
    {
        var pair = CpuPair.Choose([0, 1], cpu => [cpu], cpu => cpu);

        Assert.Equal(new CpuPair(0, 1, false), pair);
    }

    [Fact]
    public void Two_siblings_of_one_core_are_used_and_said_to_be()
    {
        var pair = CpuPair.Choose([4, 5], _ => [4, 5], _ => 0);

        Assert.Equal(new CpuPair(4, 5, true), pair);
    }

    [Fact]
    public void One_cpu_is_no_pair()
    {
        Assert.Null(CpuPair.Choose([3], cpu => [cpu], _ => 0));
    }
}
