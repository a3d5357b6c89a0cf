using AiTune.Lab.Qemu;

namespace AiTune.Services.Lab;

/// <summary>What `aitune lab snapshot` was asked: the kernels to boot, and where their snapshots go.</summary>
public sealed record LabSnapshotRequest
{
    /// <summary>The kernels as the user named them (.deb, tree, image, installed release).</summary>
    public required IReadOnlyList<string> Kernels { get; init; }

    /// <summary>The directory that receives RELEASE.tar.gz per kernel.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Replace existing archives (--force).</summary>
    public bool Replace { get; init; }

    public int Cpus { get; init; } = 2;

    public int MemoryMiB { get; init; } = 1024;

    public AcceleratorRequest Accelerator { get; init; } = AcceleratorRequest.Auto;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    public string? Root { get; init; }

    public required string GuestBinary { get; init; }

    public string? CacheRoot { get; init; }
}
