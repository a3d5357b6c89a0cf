using AiTune.Lab.Qemu;

namespace AiTune.Services.Lab;

/// <summary>What `aitune lab run` was asked: the kernels, what to measure in each, and the guests' shape.</summary>
public sealed record LabRunRequest
{
    /// <summary>The kernels as the user named them (.deb, tree, image, installed release), the baseline first unless
    /// <see cref="Baseline"/> names another. One kernel named twice is an A/A test.</summary>
    public required IReadOnlyList<string> Kernels { get; init; }

    /// <summary>--baseline: a release, or a position from 1; null for the first kernel.</summary>
    public string? Baseline { get; init; }

    public IReadOnlyList<string> Suites { get; init; } = ["kernel"];

    public int Rounds { get; init; } = 3;

    /// <summary>Under the time measure, rounds are added after <see cref="Rounds"/> up to this many while boots
    /// disagree (<see cref="LabAdaptiveRounds"/>); null for twice <see cref="Rounds"/>. The instructions measure runs
    /// <see cref="Rounds"/> exactly.</summary>
    public int? MaxRounds { get; init; }

    public int Cpus { get; init; } = 2;

    public int MemoryMiB { get; init; } = 1024;

    public AcceleratorRequest Accelerator { get; init; } = AcceleratorRequest.Auto;

    /// <summary>Null: time under KVM, instructions under TCG.</summary>
    public LabMeasure? Measure { get; init; }

    /// <summary>The watchdog of one guest boot, from QEMU's start to its power-off.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The result store; null for the default one.</summary>
    public string? Database { get; init; }

    /// <summary>The profile each guest's audit scores its kernel for.</summary>
    public string Profile { get; init; } = "inference-latency";

    /// <summary>--root: the host whose installed kernels a bare release names; null for this one.</summary>
    public string? Root { get; init; }

    /// <summary>The aitune binary that becomes each guest's PID 1: this NativeAOT executable.</summary>
    public required string GuestBinary { get; init; }

    /// <summary>Where packages are extracted once; null for /var/lib/aitune/cache/kernels.</summary>
    public string? CacheRoot { get; init; }

    /// <summary>The suites' quick sizes (the default: a guest is 10–50× slower than its host under TCG).</summary>
    public bool Quick { get; init; } = true;
}
