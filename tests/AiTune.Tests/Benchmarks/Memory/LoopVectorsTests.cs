using AiTune.Benchmarks.Memory;
using AiTune.Inspection.Cpu;
using AiTune.Tests.Support;

namespace AiTune.Tests.Benchmarks.Memory;

public sealed class LoopVectorsTests
{
    /// <summary>The development VM's cpuinfo (AMD EPYC under KVM), captured from the machine: it has avx2.</summary>
    private static IReadOnlyList<string> EpycFlags() =>
        CpuinfoParser.Parse(File.ReadAllText(FixturePaths.File("files/cpu/cpuinfo-amd-epyc-kvm-6.18")))[0]["flags"]!
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Loops_of_128_bits_on_an_avx2_cpu_are_noted_with_the_build_that_uses_avx2()
    {
        string? note = LoopVectors.NarrowerThanCpu(128, EpycFlags());

        Assert.NotNull(note);
        Assert.Contains("128-bit vectors and the CPU has AVX2", note);
        Assert.Contains("-p:IlcInstructionSet=native", note);
    }

    [Fact]
    public void Loops_as_wide_as_the_cpu_allows_are_not_noted()
    {
        Assert.Null(LoopVectors.NarrowerThanCpu(256, EpycFlags()));
        // QEMU's default qemu64 model: SSE2 and no AVX at all, so 128 bits is all there is.
        Assert.Null(LoopVectors.NarrowerThanCpu(128, ["fpu", "sse", "sse2", "pni", "cx16", "x2apic", "hypervisor"]));
        // A flag that only contains the name is not the flag.
        Assert.Null(LoopVectors.NarrowerThanCpu(128, ["avx2_vnni"]));
    }

    [Fact]
    public void The_host_check_reads_cpuinfo_and_is_silent_when_it_cannot()
    {
        using var tree = new TempHostTree();
        tree.Write("/proc/cpuinfo", File.ReadAllText(FixturePaths.File("files/cpu/cpuinfo-amd-epyc-kvm-6.18")));
        using var root = tree.Root();

        Assert.Equal(LoopVectors.NarrowerThanCpu(LoopVectors.Bits, EpycFlags()), LoopVectors.NarrowerThanThisCpu(root));

        using var empty = new TempHostTree();
        using var emptyRoot = empty.Root();
        Assert.Null(LoopVectors.NarrowerThanThisCpu(emptyRoot));
    }
}
