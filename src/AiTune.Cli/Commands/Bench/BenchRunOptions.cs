using System.CommandLine;
using AiTune.Benchmarks;
using AiTune.Benchmarks.Buffers;
using AiTune.Benchmarks.ModelLoad;
using AiTune.Text;
using AiTune.Units;

namespace AiTune.Cli.Commands.Bench;

/// <summary>The options of the commands that run benchmarks (bench SUITE, bench all, tune --bench), turned into
/// the engine's <see cref="SuiteOptions"/> and <see cref="RunSettings"/>.</summary>
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

    private const int DefaultQueueDepth = 32;
    private const string DefaultBlockSize = "1MiB";

    public Option<int> QueueDepth { get; } = new("--queue-depth") { Description = "disk and model-load direct: reads in flight", DefaultValueFactory = _ => DefaultQueueDepth };

    public Option<string> BlockSize { get; } = new("--block-size") { Description = "disk and model-load direct: the size of each read", DefaultValueFactory = _ => DefaultBlockSize };

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

    public RunSettings Settings(ParseResult parse) => parse.GetValue(Quick) ? RunSettings.QuickLook : RunSettings.Standard;

    public SuiteOptions Suites(ParseResult parse)
    {
        // An option a suite's command does not have parses as absent, not as its default.
        int queueDepth = parse.GetResult(QueueDepth) is null ? DefaultQueueDepth : parse.GetValue(QueueDepth);
        if (queueDepth is < 1 or > 1024)
        {
            throw new AiTuneException($"--queue-depth {queueDepth}: must be 1 to 1024", "32 matches fio's iodepth=32");
        }

        if (parse.GetValue(Threads) is < 1 or > 1024)
        {
            throw new AiTuneException($"--threads {parse.GetValue(Threads)}: must be 1 to 1024", "leave it out to use the logical CPUs, at most 8");
        }

        string blockSizeText = parse.GetResult(BlockSize) is null ? DefaultBlockSize : parse.GetValue(BlockSize)!;
        long blockSize = Size(BlockSize.Name, blockSizeText);
        if (blockSize < 4096 || blockSize % 4096 != 0 || blockSize > 256L << 20)
        {
            throw new AiTuneException($"--block-size {DisplayText.Escape(blockSizeText)}: must be a multiple of 4 KiB up to 256 MiB", "O_DIRECT reads need 4 KiB alignment; 1MiB matches fio's bs=1M");
        }

        long? synthetic = parse.GetValue(Synthetic) is { } text ? Size(Synthetic.Name, text) : null;
        if (synthetic is < 1L << 20)
        {
            throw new AiTuneException($"--synthetic {DisplayText.Escape(parse.GetValue(Synthetic)!)}: a synthetic model needs at least 1 MiB", "give a size like 512MiB or 4GiB");
        }

        if (synthetic is not null && parse.GetValue(Model) is not null)
        {
            throw new AiTuneException("--model and --synthetic both given", "load your model file (--model) or a synthetic one (--synthetic), not both");
        }

        // Checked before anything runs: a label the store refuses, or a cache drop only root may make, would
        // otherwise fail after the whole run and lose it.
        Benchmarks.Store.RunValidator.CheckLabel(parse.GetValue(Label));
        if (parse.GetValue(DropCaches) && !Tuning.Writing.DurableFiles.IsRoot)
        {
            throw new AiTuneException("--drop-caches writes vm.drop_caches and needs root", "run it with sudo, or leave --drop-caches out (fadvise alone empties the file's pages unless another process maps them)");
        }

        string scratch = parse.GetValue(ScratchDir) ?? "/var/tmp";
        if (!Directory.Exists(scratch))
        {
            throw new AiTuneException($"the scratch directory {DisplayText.Escape(scratch)} does not exist", "give an existing directory on the disk to measure with --scratch-dir");
        }

        // A model file that is not one is the user's input error: said once, here, before anything runs, rather
        // than once for every case that would load it.
        if (parse.GetValue(Model) is { } modelPath)
        {
            ModelSource.ReadLoadable(modelPath);
        }

        return new SuiteOptions
        {
            Quick = parse.GetValue(Quick),
            ScratchDirectory = scratch,
            ModelPath = parse.GetValue(Model),
            SyntheticSizeBytes = synthetic,
            Strategies = parse.GetValue(Strategy) is { } strategies ? List(Strategy.Name, strategies, ParseStrategy) : null,
            Pages = parse.GetValue(Pages) is { } pages ? List(Pages.Name, pages, ParsePages) : null,
            Warm = parse.GetValue(Warm),
            DropCaches = parse.GetValue(DropCaches),
            Threads = parse.GetValue(Threads),
            QueueDepth = queueDepth,
            BlockSizeBytes = blockSize,
            DiskPath = parse.GetValue(DiskPath),
        };
    }

    private static long Size(string option, string text) =>
        ByteSize.TryParse(text, out long bytes) && bytes > 0
            ? bytes
            : throw new AiTuneException($"{option} {DisplayText.Escape(text)}: not a size", "write sizes like 512MiB, 4GiB or 1048576");

    private static List<T> List<T>(string option, string text, Func<string, T?> parse) where T : struct
    {
        var values = new List<T>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var value = parse(item) ?? throw new AiTuneException($"{option}: unknown value '{DisplayText.Escape(item)}'", $"run 'aitune bench model-load --help' for the values {option} takes");
            if (!values.Contains(value))
            {
                values.Add(value);
            }
        }

        return values.Count > 0 ? values : throw new AiTuneException($"{option}: no value given", "give one or more values separated by commas");
    }

    private static LoadStrategy? ParseStrategy(string text) => text switch
    {
        "read" => LoadStrategy.Read,
        "mmap" => LoadStrategy.Mmap,
        "direct" => LoadStrategy.Direct,
        "parallel" => LoadStrategy.Parallel,
        _ => null,
    };

    private static PageBacking? ParsePages(string text) => text switch
    {
        "4k" => PageBacking.Base,
        "thp" => PageBacking.Thp,
        "hugetlb" => PageBacking.HugeTlb,
        _ => null,
    };
}
