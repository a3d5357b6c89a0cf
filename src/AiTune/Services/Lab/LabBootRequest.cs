using AiTune.Lab.Qemu;

namespace AiTune.Services.Lab;

/// <summary>What `aitune lab boot` was asked: the kernels to boot with nothing but the identity payload, how often,
/// and the guests' shape (the same defaults as `lab run`, so its boots are the ones a run pays for).</summary>
public sealed record LabBootRequest
{
    public required IReadOnlyList<string> Kernels { get; init; }

    public int Rounds { get; init; } = 1;

    public int Cpus { get; init; } = 2;

    public int MemoryMiB { get; init; } = 1024;

    public AcceleratorRequest Accelerator { get; init; } = AcceleratorRequest.Auto;

    /// <summary>Null: time under KVM, instructions (icount, one vCPU) under TCG, as `lab run` chooses.</summary>
    public LabMeasure? Measure { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    public string? Root { get; init; }

    public required string GuestBinary { get; init; }

    public string? CacheRoot { get; init; }
}
