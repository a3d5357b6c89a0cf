using AiTune.Facts;

namespace AiTune.Inspection.Rdma;

/// <summary>One port of an RDMA device (/sys/class/infiniband/DEV/ports/N), as drivers/infiniband/core/sysfs.c prints it.</summary>
/// <param name="Number">The port number (from 1).</param>
/// <param name="State">The logical state: DOWN, INIT, ARMED, ACTIVE, ACTIVE_DEFER (state "4: ACTIVE").</param>
/// <param name="PhysicalState">The physical state: Sleep, Polling, Disabled, LinkUp … (phys_state "5: LinkUp").</param>
/// <param name="LinkLayer">InfiniBand, or Ethernet for RoCE.</param>
/// <param name="Rate">The rate as the kernel prints it: "400 Gb/sec (4X NDR)".</param>
/// <param name="RateGbps">The rate's number in Gb/s: 400, 2.5.</param>
public sealed record RdmaPort(
    int Number,
    Fact<string> State,
    Fact<string> PhysicalState,
    Fact<string> LinkLayer,
    Fact<string> Rate,
    Fact<double> RateGbps);
