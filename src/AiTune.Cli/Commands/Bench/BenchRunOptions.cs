using System.CommandLine;
using AiTune.Services.Benchmarking;

namespace AiTune.Cli.Commands.Bench;

/// <summary>The options of the commands that run benchmarks (bench SUITE, bench all, tune --bench). Each command binds
/// them into the engine's <see cref="SuiteArguments"/>, which checks them.</summary>
public sealed class BenchRunOptions
{
    public Option<bool> Quick { get; } = new("--quick") { Description = "A first look in seconds: smaller sizes, 5 to 30 repetitions to ±5 %, 4 s per case" };

    public Option<string?> Label { get; } = new("--label") { Description = "A name for the run in the result store (\"before\", \"6.12-lts\")" };

    public Option<string?> ScratchDir { get; } = new("--scratch-dir") { Description = "Where temporary files go (a synthetic model, the disk test file); on the disk to measure, not tmpfs (default /var/tmp)" };

    public Option<string?> Model { get; } = new("--model") { Description = "model-load: the safetensors or GGUF file to load" };

    public Option<string?> Synthetic { get; } = new("--synthetic") { Description = "model-load: write and load a synthetic model of this size (2GiB by default, 256MiB with --quick)" };

    public Option<string?> Strategy { get; } = new("--strategy") { Description = "model-load: read, mmap, direct, parallel, or a comma list (default: all)" };

    public Option<string?> Pages { get; } = new("--pages") { Description = "model-load and memory: 4k, thp, hugetlb, or a comma list (default: all; hugetlb is skipped when no huge pages are reserved)" };

    public Option<bool> Warm { get; } = new("--warm") { Description = "model-load: load from the page cache instead of from the disk" };

    public Option<bool> DropCaches { get; } = new("--drop-caches") { Description = "model-load (root): also empty the whole page cache when fadvise leaves the file's pages resident" };

    public Option<int?> Threads { get; } = new("--threads") { Description = "Threads of the parallel cases (default: the logical CPUs, at most 8)" };

    public Option<int> QueueDepth { get; } = new("--queue-depth") { Description = "disk and model-load direct: reads in flight", DefaultValueFactory = _ => SuiteArguments.DefaultQueueDepth };

    public Option<string> BlockSize { get; } = new("--block-size") { Description = "disk and model-load direct: the size of each read", DefaultValueFactory = _ => SuiteArguments.DefaultBlockSize };

    public Option<string?> DiskPath { get; } = new("--disk-path") { Description = "disk: the file or block device to read (never written); default: a temporary file in --scratch-dir" };

    public Option<bool> NoSave { get; } = new("--no-save") { Description = "Do not store the run in the result store" };

    /// <summary>The options that apply to <paramref name="suiteName"/> ("all" and tune get every one).</summary>
    public IEnumerable<Option> For(string suiteName)
    {
        yield return Quick;
        yield return Label;
        yield return ScratchDir;
        yield return NoSave;
        bool all = suiteName == "all";
        if (all || suiteName == "model-load")
        {
            yield return Model;
            yield return Synthetic;
            yield return Strategy;
            yield return Warm;
            yield return DropCaches;
        }

        if (all || suiteName is "model-load" or "memory")
        {
            yield return Pages;
        }

        if (all || suiteName is "model-load" or "memory" or "disk")
        {
            yield return Threads;
        }

        if (all || suiteName is "model-load" or "disk")
        {
            yield return QueueDepth;
            yield return BlockSize;
        }

        if (all || suiteName == "disk")
        {
            yield return DiskPath;
        }
    }
}
