using System.Diagnostics;
using System.Runtime.CompilerServices;
using AiTune.Hosting;
using AiTune.Inspection;
using AiTune.Interop;

namespace AiTune.Benchmarks.Kernel;

/// <summary>clock_gettime(CLOCK_MONOTONIC) through libc, so through the vDSO when the clocksource allows it (tsc,
/// kvm-clock: tens of ns, no kernel entry) and as a real system call when it does not (hpet, acpi_pm: a
/// microsecond or more). The clocksource is most of the difference this case shows between two kernels or VMs.</summary>
public sealed class ClockGettimeCase(int operations) : KernelPathCase("clock-gettime",
    $"{operations:N0} clock_gettime(CLOCK_MONOTONIC) calls through libc and the vDSO in a tight loop; ns per call",
    "ns/op", operations)
{
    public override void Prepare(CancellationToken cancellation)
    {
        const string Path = "/sys/devices/system/clocksource/clocksource0/current_clocksource";
        using var root = new FileSystemHostRoot("/");
        Note(SysfsFile.ReadString(root, Path).TryGet(out string? clocksource)
            ? $"clocksource {clocksource}: the vDSO reads tsc and kvm-clock without entering the kernel, hpet and acpi_pm need a system call"
            : $"the clocksource is unknown ({Path} cannot be read)");
    }

    protected override long RunOperations(CancellationToken cancellation)
    {
        long begin = Stopwatch.GetTimestamp();
        for (int done = 0; done < Operations; done += KernelSuite.CancellationStride)
        {
            cancellation.ThrowIfCancellationRequested();
            if (Loop(Math.Min(KernelSuite.CancellationStride, Operations - done)) != 0)
            {
                throw new AiTuneException($"kernel/{Name}: clock_gettime(CLOCK_MONOTONIC) failed", "this kernel has no monotonic clock, which Linux has had since 2.6");
            }
        }

        return Stopwatch.GetTimestamp() - begin;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int Loop(int count)
    {
        Posix.Timespec time;
        int failures = 0;
        for (int i = 0; i < count; i++)
        {
            failures |= Posix.ClockGetTime(Posix.ClockMonotonic, &time);
        }

        return failures;
    }
}
