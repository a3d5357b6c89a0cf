using AiTune.Benchmarks;
using AiTune.Benchmarks.Buffers;
using AiTune.Benchmarks.ModelLoad;
using AiTune.Text;
using AiTune.Units;

namespace AiTune.Services.Benchmarking;

/// <summary>
/// The suite options as the user wrote them (bench SUITE, bench all, tune --bench), checked and turned into the
/// engine's <see cref="SuiteOptions"/> and <see cref="RunSettings"/> by <see cref="ToSuiteOptions"/>: every value is
/// checked before anything runs, so a bad one never costs a whole run.
/// </summary>
public sealed record SuiteArguments
{
    public const int DefaultQueueDepth = 32;

    public const string DefaultBlockSize = "1MiB";

    /// <summary>--quick: smaller sizes, fewer repetitions.</summary>
    public bool Quick { get; init; }

    /// <summary>--label: the run's name in the result store.</summary>
    public string? Label { get; init; }

    /// <summary>--scratch-dir; null for /var/tmp.</summary>
    public string? ScratchDirectory { get; init; }

    /// <summary>--model: the model file model-load loads.</summary>
    public string? Model { get; init; }

    /// <summary>--synthetic: the size of a synthetic model (512MiB, 4GiB …).</summary>
    public string? Synthetic { get; init; }

    /// <summary>--strategy: a comma list of read, mmap, direct, parallel.</summary>
    public string? Strategy { get; init; }

    /// <summary>--pages: a comma list of 4k, thp, hugetlb.</summary>
    public string? Pages { get; init; }

    public bool Warm { get; init; }

    public bool DropCaches { get; init; }

    public int? Threads { get; init; }

    /// <summary>--queue-depth; null where the command has no such option (the default applies).</summary>
    public int? QueueDepth { get; init; }

    /// <summary>--block-size; null where the command has no such option (the default applies).</summary>
    public string? BlockSize { get; init; }

    public string? DiskPath { get; init; }

    public RunSettings Settings => Quick ? RunSettings.QuickLook : RunSettings.Standard;

    public SuiteOptions ToSuiteOptions()
    {
        int queueDepth = QueueDepth ?? DefaultQueueDepth;
        if (queueDepth is < 1 or > 1024)
        {
            throw new AiTuneException($"--queue-depth {queueDepth}: must be 1 to 1024", "32 matches fio's iodepth=32");
        }

        if (Threads is < 1 or > 1024)
        {
            throw new AiTuneException($"--threads {Threads}: must be 1 to 1024", "leave it out to use the logical CPUs, at most 8");
        }

        string blockSizeText = BlockSize ?? DefaultBlockSize;
        long blockSize = Size("--block-size", blockSizeText);
        if (blockSize < 4096 || blockSize % 4096 != 0 || blockSize > 256L << 20)
        {
            throw new AiTuneException($"--block-size {DisplayText.Escape(blockSizeText)}: must be a multiple of 4 KiB up to 256 MiB", "O_DIRECT reads need 4 KiB alignment; 1MiB matches fio's bs=1M");
        }

        long? synthetic = Synthetic is { } text ? Size("--synthetic", text) : null;
        if (synthetic is < 1L << 20)
        {
            throw new AiTuneException($"--synthetic {DisplayText.Escape(Synthetic!)}: a synthetic model needs at least 1 MiB", "give a size like 512MiB or 4GiB");
        }

        if (synthetic is not null && Model is not null)
        {
            throw new AiTuneException("--model and --synthetic both given", "load your model file (--model) or a synthetic one (--synthetic), not both");
        }

        // Checked before anything runs: a label the store refuses, or a cache drop only root may make, would
        // otherwise fail after the whole run and lose it.
        Benchmarks.Store.RunValidator.CheckLabel(Label);
        if (DropCaches && !Tuning.Writing.DurableFiles.IsRoot)
        {
            throw new AiTuneException("--drop-caches writes vm.drop_caches and needs root", "run it with sudo, or leave --drop-caches out (fadvise alone empties the file's pages unless another process maps them)");
        }

        string scratch = ScratchDirectory ?? "/var/tmp";
        if (!Directory.Exists(scratch))
        {
            throw new AiTuneException($"the scratch directory {DisplayText.Escape(scratch)} does not exist", "give an existing directory on the disk to measure with --scratch-dir");
        }

        // A model file that is not one is the user's input error: said once, here, before anything runs, rather
        // than once for every case that would load it.
        if (Model is { } modelPath)
        {
            ModelSource.ReadLoadable(modelPath);
        }

        return new SuiteOptions
        {
            Quick = Quick,
            ScratchDirectory = scratch,
            ModelPath = Model,
            SyntheticSizeBytes = synthetic,
            Strategies = Strategy is { } strategies ? List("--strategy", strategies, ParseStrategy) : null,
            Pages = Pages is { } pages ? List("--pages", pages, ParsePages) : null,
            Warm = Warm,
            DropCaches = DropCaches,
            Threads = Threads,
            QueueDepth = queueDepth,
            BlockSizeBytes = blockSize,
            DiskPath = DiskPath,
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
