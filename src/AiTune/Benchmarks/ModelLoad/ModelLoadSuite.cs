using AiTune.Benchmarks.Buffers;

namespace AiTune.Benchmarks.ModelLoad;

/// <summary>The model-load suite: every strategy on every page backing asked for, one shared model file.</summary>
public static class ModelLoadSuite
{
    public const long DefaultSyntheticBytes = 2L << 30;
    public const long QuickSyntheticBytes = 256L << 20;

    public static BenchmarkSuite Suite { get; } = new(
        "model-load",
        "load every tensor of a model file into memory: buffered read, mmap, O_DIRECT, parallel; 4 KiB, THP or hugetlb pages",
        "Loads every tensor of a safetensors or GGUF file (--model FILE, or a synthetic safetensors file of --synthetic SIZE, " +
        "2 GiB by default, written to a private directory under --scratch-dir and removed afterwards) into anonymous memory, " +
        "the way serving stacks do: read (buffered pread of each tensor in file order), mmap (MAP_POPULATE and MADV_WILLNEED; " +
        "the page cache is the memory, as in llama.cpp), direct (O_DIRECT reads of --block-size, --queue-depth in flight, " +
        "straight into the target memory) and parallel (buffered pread by --threads threads, each a contiguous share). The target " +
        "memory is backed by 4 KiB pages (THP off for it), THP (MADV_HUGEPAGE) or hugetlb (MAP_HUGETLB; needs reserved huge pages). " +
        "Cold by default: before each load the file's pages are written back (fdatasync) and dropped (POSIX_FADV_DONTNEED), and " +
        "mincore(2) counts what stayed resident, which is reported; as root, --drop-caches also empties the whole page cache " +
        "when pages stay. --warm reads the file once first and measures page cache to memory. The clock covers the allocation, " +
        "the page faults and the reads, not the cache drop or the unmap. Metric: throughput, tensor bytes per second in GB/s " +
        "(10^9 bytes), one sample per load.",
        CreateCases);

    public static IReadOnlyList<LoadStrategy> AllStrategies { get; } = [LoadStrategy.Read, LoadStrategy.Mmap, LoadStrategy.Direct, LoadStrategy.Parallel];

    public static IReadOnlyList<BenchmarkCase> CreateCases(SuiteOptions options)
    {
        long synthetic = options.SyntheticSizeBytes ?? (options.Quick ? QuickSyntheticBytes : DefaultSyntheticBytes);
        var source = new ModelSource(options.ModelPath, synthetic, options.ScratchDirectory);
        var strategies = options.Strategies ?? AllStrategies;
        var pages = options.Pages ?? (options.Quick ? [PageBacking.Base, PageBacking.Thp] : [PageBacking.Base, PageBacking.Thp, PageBacking.HugeTlb]);
        int threads = options.Threads ?? Math.Min(Environment.ProcessorCount, 8);
        var cases = new List<BenchmarkCase>();
        foreach (var strategy in strategies)
        {
            if (strategy == LoadStrategy.Mmap)
            {
                cases.Add(new ModelLoadCase(source, strategy, PageBacking.Base, options.Warm, options.DropCaches, 1, options.BlockSizeBytes));
                continue;
            }

            foreach (var backing in pages)
            {
                int crew = strategy == LoadStrategy.Direct ? options.QueueDepth : threads;
                cases.Add(new ModelLoadCase(source, strategy, backing, options.Warm, options.DropCaches, crew, options.BlockSizeBytes));
            }
        }

        return cases;
    }
}
