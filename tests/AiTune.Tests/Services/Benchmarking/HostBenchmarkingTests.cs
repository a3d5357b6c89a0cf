using AiTune.Benchmarks;
using AiTune.Benchmarks.Store;
using AiTune.Services;
using AiTune.Services.Benchmarking;
using AiTune.Services.Transactions;
using AiTune.Tests.Support;
using AiTune.Tuning.Journal;

namespace AiTune.Tests.Services.Benchmarking;

/// <summary>A benchmark run on this host through the engine's service: the host recorded with the run, the profile
/// aitune's journal says is applied among it, the run stored.</summary>
public sealed class HostBenchmarkingTests : IDisposable
{
    private readonly HostTreeCopy host = new();

    private readonly HostBenchmarking benchmarking = new("0.0-test");

    public void Dispose() => host.Dispose();

    private string Database => Path.Join(host.Directory, "results.db");

    private string Scratch => Directory.CreateDirectory(Path.Join(host.Directory, "scratch")).FullName;

    /// <summary>A journal that says inference-throughput is applied: an apply on the tree copy.</summary>
    private StateDirectory AppliedState()
    {
        var session = TuningSession.Open(new TuningTarget(host.Tree, host.State, []), "0.0-test", forWriting: true);
        session.Apply(session.PlanAfterRecovery(new PlanRequest("inference-throughput", ModelSpecification.None, false, 80)), new ApplySettings("tester", 0, false, false));
        return new StateDirectory(host.State);
    }

    [Fact]
    public void The_environment_names_the_applied_profile_and_none_without_a_journal()
    {
        var applied = benchmarking.Environment(AppliedState());
        var none = benchmarking.Environment(new StateDirectory(Path.Join(host.Directory, "no-state")));

        Assert.Equal("inference-throughput", applied.AppliedProfile);
        Assert.Null(none.AppliedProfile);
        Assert.Equal("0.0-test", applied.ToolVersion);
        Assert.Equal(Environment.MachineName, applied.Hostname);
    }

    [Fact]
    public void A_run_is_measured_with_its_label_and_stored_unless_told_not_to()
    {
        var arguments = new SuiteArguments { Quick = true, Synthetic = "8MiB", Strategy = "read", Pages = "4k", ScratchDirectory = Scratch, Label = "first" };
        var suites = BenchmarkSuites.Parse("model-load");
        var shown = 0;
        BenchmarkRun Display(SessionWork work)
        {
            shown++;
            return work(null, null);
        }

        var stored = benchmarking.Run(new BenchRunRequest(suites, arguments, Database, Save: true, AppliedState()), Display, CancellationToken.None);
        var unsaved = benchmarking.Run(new BenchRunRequest(suites, arguments with { Label = null }, Database, Save: false), Display, CancellationToken.None);

        Assert.Equal(2, shown);
        Assert.Equal(Database, stored.StoredIn);
        Assert.Equal(1, stored.Run.Id);
        Assert.Equal("first", stored.Run.Label);
        Assert.Equal("inference-throughput", stored.Run.Environment.AppliedProfile);
        Assert.True(stored.Run.Settings.Quick);
        Assert.Equal(["read/4k"], stored.Run.Cases.Select(c => c.Name));
        Assert.False(stored.Run.Partial);
        using (var store = ResultStore.Open(Database))
        {
            Assert.Equal([1L], store.List().Select(r => r.Id));
        }

        Assert.Null(unsaved.StoredIn);
        Assert.Equal(0, unsaved.Run.Id);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Scratch));
    }

    [Fact]
    public void A_bad_option_is_refused_before_anything_is_measured_or_stored()
    {
        var arguments = new SuiteArguments { Quick = true, ScratchDirectory = "/nonexistent/scratch" };

        var error = Assert.Throws<AiTuneException>(() => benchmarking.Run(new BenchRunRequest(BenchmarkSuites.All, arguments, Database, Save: true),
            _ => throw new InvalidOperationException("nothing may run"), CancellationToken.None));

        Assert.Equal("the scratch directory /nonexistent/scratch does not exist", error.Message);
        Assert.False(File.Exists(Database));
    }
}
