using AiTune.Benchmarks.Buffers;
using AiTune.Benchmarks.ModelLoad;

namespace AiTune.Benchmarks;

/// <summary>What the user asked of the suites. Each suite reads the options that concern it and ignores the rest.</summary>
public sealed record SuiteOptions
{
    /// <summary>Smaller sizes and fewer cases: a first look in seconds, not a verdict.</summary>
    public bool Quick { get; init; }

    /// <summary>Where suites write their temporary files (synthetic models, the disk test file). On a disk, not
    /// tmpfs: a file in RAM has no cold cache and no O_DIRECT.</summary>
    public string ScratchDirectory { get; init; } = "/var/tmp";

    /// <summary>model-load: the model to load; null to write a synthetic one of <see cref="SyntheticSizeBytes"/>.</summary>
    public string? ModelPath { get; init; }

    /// <summary>model-load: the size of the synthetic model (2 GiB by default, 256 MiB quick).</summary>
    public long? SyntheticSizeBytes { get; init; }

    /// <summary>model-load: the strategies to measure; null for all.</summary>
    public IReadOnlyList<LoadStrategy>? Strategies { get; init; }

    /// <summary>model-load and memory: the page backings to measure; null for all the host can give.</summary>
    public IReadOnlyList<PageBacking>? Pages { get; init; }

    /// <summary>model-load: measure from the page cache instead of from the disk.</summary>
    public bool Warm { get; init; }

    /// <summary>model-load: as root, also drop the whole page cache (vm.drop_caches) when fadvise leaves pages resident.</summary>
    public bool DropCaches { get; init; }

    /// <summary>Threads for the parallel cases; null for each suite's default (model-load: the logical CPUs, at most 8; memory: the logical CPUs).</summary>
    public int? Threads { get; init; }

    /// <summary>disk: the file (or block device) to read; null to write a temporary file in <see cref="ScratchDirectory"/>.</summary>
    public string? DiskPath { get; init; }

    /// <summary>disk: reads in flight at once.</summary>
    public int QueueDepth { get; init; } = 32;

    /// <summary>disk: the size of each read.</summary>
    public long BlockSizeBytes { get; init; } = 1L << 20;
}
