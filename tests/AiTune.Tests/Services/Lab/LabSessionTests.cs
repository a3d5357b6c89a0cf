using AiTune.Lab.Qemu;
using AiTune.Services.Lab;
using AiTune.Tests.Support;

namespace AiTune.Tests.Services.Lab;

/// <summary>What the lab refuses before any guest boots, and the order it boots in.</summary>
public class LabSessionTests
{
    private static LabRunRequest Request(params string[] kernels) => new()
    {
        Kernels = kernels,
        GuestBinary = "/bin/true",
        Database = Path.Join(Path.GetTempPath(), "aitune-never-written.db"),
    };

    private static AiTuneException Refused(LabRunRequest request) =>
        Assert.Throws<AiTuneException>(() => new LabSession("test").Run(request, null, CancellationToken.None));

    [Fact]
    public void Rounds_alternate_forwards_and_backwards()
    {
        Assert.Equal([(1, 0), (1, 1), (1, 2), (2, 2), (2, 1), (2, 0), (3, 0), (3, 1), (3, 2)], LabSchedule.Interleaved(3, 3));
        Assert.Equal([(1, 0), (2, 0)], LabSchedule.Interleaved(1, 2));
    }

    [Fact]
    public void A_run_without_kernels_is_refused_with_the_usage()
    {
        var error = Refused(Request());

        Assert.Equal("lab run needs at least one --kernel", error.Message);
        Assert.Contains("--kernel A.deb --kernel B.deb", error.Hint);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Rounds_out_of_range_are_refused(int rounds)
    {
        Assert.Contains($"--rounds {rounds}", Refused(Request("a.deb") with { Rounds = rounds }).Message);
    }

    [Fact]
    public void An_unknown_suite_is_refused_before_any_guest_boots()
    {
        var error = Refused(Request("a.deb") with { Suites = ["kernel", "nonsense"] });

        Assert.Contains("nonsense", error.Message);
    }

    [Fact]
    public void A_missing_guest_binary_is_named()
    {
        var error = Refused(Request("a.deb") with { GuestBinary = "/nonexistent/aitune" });

        Assert.Contains("/nonexistent/aitune", error.Message);
        Assert.Contains("dotnet publish", error.Hint);
    }

    [Fact]
    public void Wall_clock_time_under_tcg_is_refused_as_a_verdict()
    {
        var error = Refused(Request(LabKernels.Package(LabKernels.Generic612)) with { Accelerator = AcceleratorRequest.Tcg, Measure = LabMeasure.Time });

        Assert.StartsWith("wall-clock time under TCG is not a performance measurement", error.Message);
        Assert.Contains("--measure instructions", error.Hint);
    }

    [Fact]
    public void The_instructions_measure_takes_only_the_kernel_suite()
    {
        var error = Refused(Request(LabKernels.Package(LabKernels.Generic612)) with { Measure = LabMeasure.Instructions, Suites = ["kernel", "memory"] });

        Assert.Contains("the memory suite(s) measure bandwidth or time", error.Message);
    }

    [Fact]
    public void An_unknown_profile_is_refused_before_any_guest_boots()
    {
        var error = Refused(Request("a.deb") with { Profile = "inference-latncy" });

        Assert.Equal("unknown profile 'inference-latncy'", error.Message);
        Assert.Contains("inference-latency", error.Hint);
    }

    [Fact]
    public void A_boot_on_a_busy_host_carries_the_hosts_load_and_is_marked()
    {
        // 12 s on 2 CPUs (24 CPU-seconds), of which others took 6: a quarter, above the tenth bench compare allows.
        var load = LabHostLoad.Of(new HostLoad(0.5, 1.5, 6, 11, 2), TimeSpan.FromSeconds(12))!;

        Assert.Equal(0.25, load.OtherCpuShare, 3);
        Assert.Equal(11 / 24.0, load.OwnCpuShare, 3);
        Assert.Equal(1.5, load.LoadAverage);
        Assert.Equal("other processes took 25% of the CPU time (the limit is 10%)", load.BusyReason);
    }

    [Fact]
    public void A_boot_on_a_quiet_host_is_not_marked_and_an_unreadable_one_has_no_load()
    {
        Assert.Null(LabHostLoad.Of(new HostLoad(0.1, 0.1, 0.5, 11, 2), TimeSpan.FromSeconds(12))!.BusyReason);
        Assert.Null(LabHostLoad.Of(new HostLoad(null, null, null), TimeSpan.FromSeconds(12)));
    }

    [Fact]
    public void The_time_left_is_the_mean_boot_times_the_boots_to_come()
    {
        Assert.Equal("", LabSession.TimeLeft(0, 0, 4));
        Assert.Equal(", about 35 s left", LabSession.TimeLeft(24, 2, 3));
        Assert.Equal(", about 4 min left", LabSession.TimeLeft(50, 2, 9));
        Assert.Equal("", LabSession.TimeLeft(50, 2, 0));
    }
}
