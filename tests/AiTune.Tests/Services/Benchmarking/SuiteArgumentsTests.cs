using AiTune.Benchmarks;
using AiTune.Benchmarks.Buffers;
using AiTune.Benchmarks.ModelLoad;
using AiTune.Services.Benchmarking;

namespace AiTune.Tests.Services.Benchmarking;

/// <summary>The suite options as the user wrote them, checked before anything runs and turned into the engine's.</summary>
public class SuiteArgumentsTests
{
    [Fact]
    public void The_defaults_are_the_standard_run_on_var_tmp()
    {
        var arguments = new SuiteArguments();

        var options = arguments.ToSuiteOptions();

        Assert.Same(RunSettings.Standard, arguments.Settings);
        Assert.Equal(("/var/tmp", 32, 1L << 20), (options.ScratchDirectory, options.QueueDepth, options.BlockSizeBytes));
        Assert.Null(options.Strategies);
        Assert.Null(options.Pages);
    }

    [Fact]
    public void Lists_sizes_and_quick_are_read_as_given()
    {
        var arguments = new SuiteArguments
        {
            Quick = true,
            Strategy = "mmap, read,mmap",
            Pages = "thp,4k",
            Synthetic = "64MiB",
            BlockSize = "256KiB",
            QueueDepth = 8,
            Threads = 2,
        };

        var options = arguments.ToSuiteOptions();

        Assert.Same(RunSettings.QuickLook, arguments.Settings);
        Assert.True(options.Quick);
        Assert.Equal([LoadStrategy.Mmap, LoadStrategy.Read], options.Strategies);
        Assert.Equal([PageBacking.Thp, PageBacking.Base], options.Pages);
        Assert.Equal(64L << 20, options.SyntheticSizeBytes);
        Assert.Equal((256L << 10, 8, 2), (options.BlockSizeBytes, options.QueueDepth, options.Threads));
    }

    [Theory]
    [InlineData("queue", "--queue-depth 0: must be 1 to 1024")]
    [InlineData("threads", "--threads 2000: must be 1 to 1024")]
    [InlineData("block", "--block-size 1000: must be a multiple of 4 KiB up to 256 MiB")]
    [InlineData("synthetic", "--synthetic 1KiB: a synthetic model needs at least 1 MiB")]
    [InlineData("both", "--model and --synthetic both given")]
    [InlineData("strategy", "--strategy: unknown value 'sendfile'")]
    [InlineData("scratch", "the scratch directory /nonexistent/scratch does not exist")]
    public void A_bad_value_is_refused_before_anything_runs(string which, string message)
    {
        var arguments = which switch
        {
            "queue" => new SuiteArguments { QueueDepth = 0 },
            "threads" => new SuiteArguments { Threads = 2000 },
            "block" => new SuiteArguments { BlockSize = "1000" },
            "synthetic" => new SuiteArguments { Synthetic = "1KiB" },
            "both" => new SuiteArguments { Synthetic = "2GiB", Model = "/models/x.gguf" },
            "strategy" => new SuiteArguments { Strategy = "read,sendfile" },
            _ => new SuiteArguments { ScratchDirectory = "/nonexistent/scratch" },
        };

        var error = Assert.Throws<AiTuneException>(arguments.ToSuiteOptions);

        Assert.Equal(message, error.Message);
    }
}
