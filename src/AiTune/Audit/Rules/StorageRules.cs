using AiTune.Knobs;
using AiTune.Profiles;

namespace AiTune.Audit.Rules;

/// <summary>Block devices that hold model weights and checkpoints.</summary>
public static class StorageRules
{
    public static IEnumerable<Rule> All =>
    [
        new KnobRule("STO001", Category.Storage, Knob.Block("nvme", "scheduler"), "NVMe drives use no I/O scheduler", Severity.Medium),
        new KnobRule("STO002", Category.Storage, Knob.Block("ssd", "scheduler"), "SATA/SAS/virtio SSDs use a light scheduler", Severity.Low),
        new KnobRule("STO003", Category.Storage, Knob.Block("hdd", "scheduler"), "Rotational disks use a seek-aware scheduler", Severity.Low),
        new KnobRule("STO004", Category.Storage, Knob.Block("nvme", "read_ahead_kb"), "Read-ahead on NVMe suits streaming model files", Severity.Low),
        new KnobRule("STO005", Category.Storage, Knob.Block("ssd", "read_ahead_kb"), "Read-ahead on SSDs suits streaming model files", Severity.Low),
        new KnobRule("STO006", Category.Storage, Knob.Block("hdd", "read_ahead_kb"), "Read-ahead on rotational disks suits streaming model files", Severity.Low),
    ];
}
