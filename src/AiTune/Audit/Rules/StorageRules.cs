using AiTune.Knobs;
using AiTune.Profiles;

namespace AiTune.Audit.Rules;

/// <summary>Block devices that hold model weights and checkpoints.</summary>
public static class StorageRules
{
    private const string BlockDoc = "Documentation/block/queue-sysfs.rst";

    public static IEnumerable<Rule> All =>
    [
        new KnobRule("STO001", Category.Storage, Knob.Block("nvme", "scheduler"), "NVMe drives use no I/O scheduler", Severity.Medium,
            "An NVMe drive has many deep hardware queues and orders requests itself; a software scheduler (mq-deadline, bfq) adds a lock " +
            "and per-request CPU time on the path that streams model weights. 'none' hands requests straight to the drive.",
            BlockDoc + "; Documentation/block/blk-mq.rst"),
        new KnobRule("STO002", Category.Storage, Knob.Block("ssd", "scheduler"), "SATA/SAS/virtio SSDs use a light scheduler", Severity.Low,
            "Single-queue SSDs benefit from mq-deadline's read priority and expiry; 'none' is also fine on fast virtual disks.",
            BlockDoc),
        new KnobRule("STO003", Category.Storage, Knob.Block("hdd", "scheduler"), "Rotational disks use a seek-aware scheduler", Severity.Low,
            "A spinning disk pays a seek for every out-of-order request; mq-deadline and bfq batch and order them, 'none' does not.",
            BlockDoc + "; Documentation/block/bfq-iosched.rst"),
        new KnobRule("STO004", Category.Storage, Knob.Block("nvme", "read_ahead_kb"), "Read-ahead on NVMe suits streaming model files", Severity.Low,
            "Loading weights is a long sequential read; buffered and mmap loaders rely on read-ahead to keep the drive busy. The default " +
            "128 KiB leaves fast drives idle between requests; TuneD raises it to 4 MiB for throughput.",
            BlockDoc + " (read_ahead_kb); TuneD throughput-performance"),
        new KnobRule("STO005", Category.Storage, Knob.Block("ssd", "read_ahead_kb"), "Read-ahead on SSDs suits streaming model files", Severity.Low,
            "As for NVMe: sequential weight loading through the page cache needs read-ahead larger than the 128 KiB default.",
            BlockDoc + " (read_ahead_kb)"),
        new KnobRule("STO006", Category.Storage, Knob.Block("hdd", "read_ahead_kb"), "Read-ahead on rotational disks suits streaming model files", Severity.Low,
            "On a spinning disk large read-ahead turns a model load into few long sequential transfers instead of many seeks.",
            BlockDoc + " (read_ahead_kb)"),
    ];
}
