using AiTune.Facts;

namespace AiTune.Inspection.Storage;

/// <summary>One block device and its request-queue settings (/sys/block/NAME/queue).</summary>
/// <param name="Name">"nvme0n1".</param>
/// <param name="Model">device/model, padding trimmed; absent for virtio, loop, zram … which have none.</param>
/// <param name="Rotational">queue/rotational: a spinning disk.</param>
/// <param name="Nvme">An NVMe namespace.</param>
/// <param name="Virtual">loop, ram, zram, device-mapper, md, nbd …: not a drive of its own (settings belong to the drives below).</param>
/// <param name="SizeBytes">size (in 512-byte sectors in sysfs) × 512.</param>
/// <param name="Scheduler">The active I/O scheduler (the bracketed one); "none" for none. Absent for a bio-based
/// queue (zram, dm, md) on kernels from 6.11, which hide queue/scheduler and queue/nr_requests there.</param>
/// <param name="SchedulersAvailable">All schedulers the queue offers; empty when queue/scheduler could not be read
/// (<see cref="Scheduler"/> then says why).</param>
public sealed record BlockDevice(
    string Name,
    Fact<string> Model,
    Fact<bool> Rotational,
    bool Nvme,
    bool Virtual,
    Fact<long> SizeBytes,
    Fact<string> Scheduler,
    IReadOnlyList<string> SchedulersAvailable,
    Fact<long> ReadAheadKb,
    Fact<long> NrRequests,
    Fact<long> MaxSectorsKb);
