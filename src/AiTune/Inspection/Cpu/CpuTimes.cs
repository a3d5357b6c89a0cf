namespace AiTune.Inspection.Cpu;

/// <summary>
/// The first line of /proc/stat: time all CPUs together spent in each state since boot, in USER_HZ ticks
/// (Documentation/filesystems/proc.rst, 1.8 "Miscellaneous kernel statistics in /proc/stat"). Guest time is already
/// counted in user time, so it is not added again.
/// </summary>
public sealed record CpuTimes(long User, long Nice, long System, long Idle, long IoWait, long Irq, long SoftIrq, long Steal)
{
    /// <summary>Ticks in which a CPU ran a task, in user space or in the kernel on its behalf (kernel threads such
    /// as ksoftirqd included).</summary>
    public long Tasks => User + Nice + System;

    /// <summary>Every tick of every CPU: tasks, interrupts, idle, waiting for I/O, or stolen by the hypervisor.</summary>
    public long Total => Tasks + Irq + SoftIrq + Idle + IoWait + Steal;
}
