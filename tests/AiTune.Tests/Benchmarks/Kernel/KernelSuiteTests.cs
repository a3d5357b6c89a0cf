using AiTune.Benchmarks;
using AiTune.Benchmarks.Kernel;
using AiTune.Benchmarks.Loopback;
using AiTune.Benchmarks.Statistics;
using AiTune.Benchmarks.Store;
using AiTune.Interop;
using AiTune.Tests.Benchmarks.Store;
using AiTune.Units;

namespace AiTune.Tests.Benchmarks.Kernel;

public sealed class KernelSuiteTests
{
    private const int Samples = 4;

    /// <summary>No warm-up, exactly <see cref="Samples"/> repetitions (the minimum is the maximum), however wide.</summary>
    private static readonly RunSettings Fixed = new(0, new RepetitionSettings(0.5, Samples, Samples), TimeSpan.FromMinutes(5), true);

    [Fact]
    public void The_suite_is_registered_and_selected_by_its_name()
    {
        Assert.Contains(KernelSuite.Suite, BenchmarkSuites.All);
        Assert.Equal([KernelSuite.Suite], BenchmarkSuites.Parse("kernel"));
        Assert.Contains(KernelSuite.Suite, BenchmarkSuites.Parse("all"));
    }

    [Fact]
    public void Quick_and_standard_have_the_same_cases_with_the_declared_counts()
    {
        var quick = KernelSuite.Suite.CreateCases(new SuiteOptions { Quick = true });
        var standard = KernelSuite.Suite.CreateCases(new SuiteOptions());
        try
        {
            string[] names = ["syscall", "clock-gettime", "fork-exit", "pipe-rtt", "unix-rr", "tcp-rr", "fault-4k"];
            Assert.Equal(names, quick.Select(c => c.Name));
            Assert.Equal(names, standard.Select(c => c.Name));
            Assert.Equal(names, KernelSuite.Sizes.Select(s => s.Case));
            Assert.Equal(KernelSuite.Sizes.Select(s => s.Quick), quick.Cast<KernelPathCase>().Select(c => c.Operations));
            Assert.Equal(KernelSuite.Sizes.Select(s => s.Standard), standard.Cast<KernelPathCase>().Select(c => c.Operations));
            Assert.All(quick.Concat(standard), c =>
            {
                Assert.Equal("kernel", c.Suite);
                var metric = Assert.Single(c.Metrics);
                Assert.Equal((KernelSuite.CostMetric, MetricDirection.LowerIsBetter), (metric.Name, metric.Direction));
                Assert.Equal(c.Name == "fault-4k" ? "ns/page" : "ns/op", metric.Unit);
            });
            Assert.Equal(["transport=unix", "message-bytes=64", "placement=same-cpu", "operations=200"],
                quick[4].Parameters.OrderBy(p => p.Key == "operations").Select(p => $"{p.Key}={p.Value}"));
            Assert.Contains("MADV_NOHUGEPAGE", quick[6].Description, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var c in quick.Concat(standard))
            {
                c.Dispose();
            }
        }
    }

    [Fact]
    public void The_method_says_that_under_icount_the_nanoseconds_are_instructions()
    {
        Assert.Contains("so these numbers are instructions per operation", KernelSuite.Suite.Method, StringComparison.Ordinal);
        Assert.Contains("MADV_NOHUGEPAGE (never THP, so 4 KiB faults)", KernelSuite.Suite.Method, StringComparison.Ordinal);
    }

    public static TheoryData<string> CaseNames() => new(KernelSuite.Sizes.Select(s => s.Case));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Every_case_gives_the_configured_number_of_positive_samples(string name)
    {
        using var benchmarkCase = Small(name);

        var result = new BenchmarkRunner(Fixed).Run(benchmarkCase, null, CancellationToken.None);

        Assert.True(result.Outcome is CaseOutcome.TargetMet or CaseOutcome.MaximumReached, $"{result.FullName}: {result.Outcome} {result.Reason}");
        var metric = Assert.Single(result.Metrics);
        Assert.Equal(Samples, metric.Samples.Count);
        Assert.All(metric.Samples, v => Assert.True(double.IsFinite(v) && v > 0, $"{name}: {v}"));
        Assert.Equal("quick", result.Parameters![CaseResult.ModeParameter]);
    }

    [Fact]
    public async Task Fork_and_exit_five_hundred_times_while_another_thread_collects_garbage()
    {
        using var fork = new ForkExitCase(1);
        fork.Prepare(CancellationToken.None);
        using var stop = new CancellationTokenSource();
        // Collections on another thread while forking: the child must never depend on the state of the parent's GC.
        var collector = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                _ = new byte[64 * 1024];
                GC.Collect(0);
            }
        });
        var forking = Task.Run(() => Enumerable.Range(0, 500).Count(_ => fork.ForkAndReap()));

        // A bound against a hang, not a timing assertion.
        Assert.Same(forking, await Task.WhenAny(forking, Task.Delay(TimeSpan.FromMinutes(5))));
        await stop.CancelAsync();
        await collector;
        Assert.Equal(500, await forking);
        Assert.Contains(fork.Notes, n => n.Contains("mappings (/proc/self/maps)", StringComparison.Ordinal));
    }

    [Fact]
    public void The_fork_case_notes_the_anonymous_memory_fork_copies_and_how_much_of_it_is_on_huge_pages()
    {
        using var fork = new ForkExitCase(1);

        fork.Prepare(CancellationToken.None);

        var note = Assert.Single(fork.Notes, n => n.StartsWith("it has ", StringComparison.Ordinal));
        var match = System.Text.RegularExpressions.Regex.Match(note,
            @"^it has (?<anonymous>[0-9.]+ (B|KiB|MiB|GiB)) of anonymous memory, (?<huge>[0-9.]+ (B|KiB|MiB|GiB)) of it on transparent huge pages \(/proc/self/smaps_rollup\)$");
        Assert.True(match.Success, note);
        // A .NET process has megabytes of heap, stacks and runtime data, and never more on huge pages than in all.
        Assert.True(ByteSize.TryParse(match.Groups["anonymous"].Value, out long anonymous) && anonymous >= 1 << 20, note);
        Assert.True(ByteSize.TryParse(match.Groups["huge"].Value, out long huge) && huge <= anonymous, note);
    }

    [Theory]
    [InlineData("pipe-rtt")]
    [InlineData("unix-rr")]
    [InlineData("tcp-rr")]
    public void The_round_trips_run_when_the_process_may_use_one_cpu_only(string name)
    {
        var allowed = Posix.AllowedCpus()!;
        int only = allowed[^1];
        CaseResult? result = null;
        // Affinity is per thread and inherited by the threads it starts: a thread limited to one CPU sees the host a
        // 1-CPU guest is.
        var thread = new Thread(() =>
        {
            Assert.Equal(0, Posix.PinCurrentThread(only));
            Assert.Equal([only], Posix.AllowedCpus());
            result = new BenchmarkRunner(Fixed).Run(Small(name), null, CancellationToken.None);
        });
        thread.Start();
        thread.Join();

        Assert.NotNull(result);
        Assert.True(result.Outcome is CaseOutcome.TargetMet or CaseOutcome.MaximumReached, $"{result.FullName}: {result.Outcome} {result.Reason}");
        Assert.All(Assert.Single(result.Metrics).Samples, v => Assert.True(v > 0));
        Assert.Contains(result.Notes, n => n.StartsWith($"both threads pinned to CPU {only}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("pipe-rtt")]
    [InlineData("unix-rr")]
    public async Task Cancelling_a_round_trip_case_mid_repetition_returns(string name)
    {
        // Far more round trips than the test waits for: only cancellation ends this repetition.
        using KernelPathCase benchmarkCase = name == "pipe-rtt" ? new PipeRoundTripCase(50_000_000) : new SocketRoundTripCase(LoopbackTransport.Unix, 50_000_000);
        benchmarkCase.Prepare(CancellationToken.None);
        using var cancellation = new CancellationTokenSource();
        var measuring = Task.Run(() => benchmarkCase.Measure(new double[1], cancellation.Token));
        await Task.Delay(100);
        await cancellation.CancelAsync();

        // A bound against a hang, not a timing assertion.
        Assert.Same(measuring, await Task.WhenAny(measuring, Task.Delay(TimeSpan.FromSeconds(60))));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => measuring);
    }

    [Fact]
    public void A_kernel_run_is_stored_and_read_back_with_its_samples()
    {
        using var scratch = new ScratchDirectory();
        var suite = KernelSuite.Suite with { CreateCases = _ => [Small("syscall"), Small("fault-4k")] };
        var run = BenchmarkSession.Run([suite], new SuiteOptions { Quick = true }, Fixed, BenchmarkRunSamples.Environment(), "6.12", null, null, CancellationToken.None);

        long id;
        using (var store = ResultStore.Open(scratch.File("results.db")))
        {
            id = store.Save(run);
        }

        using var reopened = ResultStore.Open(scratch.File("results.db"));
        var loaded = reopened.Load(id);
        Assert.Equal(["kernel"], loaded.Suites);
        Assert.Equal(["kernel/syscall", "kernel/fault-4k"], loaded.Cases.Select(c => c.FullName));
        for (int i = 0; i < 2; i++)
        {
            var (saved, back) = (run.Cases[i].Metrics[0], loaded.Cases[i].Metrics[0]);
            Assert.Equal((KernelSuite.CostMetric, saved.Unit, MetricDirection.LowerIsBetter), (back.Name, back.Unit, back.Direction));
            Assert.Equal(saved.Samples, back.Samples);
        }
    }

    /// <summary>A case of the suite with a count small enough for a unit test.</summary>
    private static KernelPathCase Small(string name) => name switch
    {
        "syscall" => new SyscallCase(1_000),
        "clock-gettime" => new ClockGettimeCase(1_000),
        "fork-exit" => new ForkExitCase(3),
        "pipe-rtt" => new PipeRoundTripCase(50),
        "unix-rr" => new SocketRoundTripCase(LoopbackTransport.Unix, 50),
        "tcp-rr" => new SocketRoundTripCase(LoopbackTransport.Tcp, 50),
        "fault-4k" => new BasePageFaultCase(64),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a kernel case"),
    };
}
