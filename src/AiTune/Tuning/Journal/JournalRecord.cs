
namespace AiTune.Tuning.Journal;

/// <summary>One line of the journal. A flat record rather than a type per kind keeps the file readable with
/// <c>jq</c> and the reader strict: which fields a kind needs is checked by <see cref="JournalFile"/>.</summary>
public sealed record JournalRecord
{
    public long Seq { get; init; }

    public JournalRecordKind Kind { get; init; }

    public DateTimeOffset Time { get; init; }

    /// <summary>Begin: the profile (or combination) applied.</summary>
    public string? Profile { get; init; }

    /// <summary>Begin: who applied it ("alice via sudo", "root").</summary>
    public string? User { get; init; }

    public int? Uid { get; init; }

    /// <summary>Begin: /proc/sys/kernel/random/boot_id, to notice a reboot between apply and rollback.</summary>
    public string? BootId { get; init; }

    public string? Kernel { get; init; }

    public string? ToolVersion { get; init; }

    /// <summary>Begin: the model the profile was resolved for ("--model-size 70GiB"), and its tensor bytes.</summary>
    public string? Model { get; init; }

    public long? ModelBytes { get; init; }

    /// <summary>Begin: whether the apply also writes the persistence files.</summary>
    public bool? Persist { get; init; }

    /// <summary>Begin: kernel parameters left for the next boot ("hugepages=1024").</summary>
    public IReadOnlyList<string>? PendingReboot { get; init; }

    /// <summary>Begin: the profile resolved for the host as this apply applied it, every setting with its expectation
    /// or skip reason. Journals written before aitune recorded it have none; their profile is resolved again from the
    /// profile files.</summary>
    public IReadOnlyList<JournalSetting>? Settings { get; init; }

    /// <summary>Begin: the knobs that already held what the profile asks when it was applied (id with @subject → the
    /// value held), so that verify calls a later change of one of them drift, as it does for the knobs it wrote.</summary>
    public IReadOnlyDictionary<string, string>? Held { get; init; }

    /// <summary>Written/Failed/Restored: the intent's seq. Commit/RollbackEnd: the begin's seq.</summary>
    public long? Ref { get; init; }

    /// <summary>Intent: the knob id ("sysctl:vm.swappiness"), or "file" for a persistence file.</summary>
    public string? Knob { get; init; }

    /// <summary>Intent: "" for host-wide knobs, else the device, policy or NUMA node.</summary>
    public string? Subject { get; init; }

    /// <summary>Intent: the host path written.</summary>
    public string? Path { get; init; }

    /// <summary>Intent: the value before the change (null for a file that did not exist).</summary>
    public string? Original { get; init; }

    /// <summary>Intent: the value asked for (for a file: the SHA-256 of its content, or
    /// <see cref="JournalState.RemovedTarget"/> when an obsolete file of aitune's is removed).</summary>
    public string? Target { get; init; }

    /// <summary>Intent of a file: its directory did not exist and is created with it, so rollback removes the
    /// directory again once it is empty.</summary>
    public bool? CreatesDirectory { get; init; }

    /// <summary>Written/Failed: the value read back.</summary>
    public string? Value { get; init; }

    /// <summary>Failed: why.</summary>
    public string? Error { get; init; }

    /// <summary>Commit: "applied" or "partial". RollbackBegin/End: "apply" or "all".</summary>
    public string? Outcome { get; init; }
}
