using System.IO.Compression;
using AiTune.Lab.Configs;
using AiTune.Tests.Support;

namespace AiTune.Tests.Lab.Configs;

/// <summary>The diff of Debian's real 6.1 generic, rt and cloud and 6.12 configs (tests/fixtures/files/kernel/configs).
/// Each expectation is first checked against the raw lines by a scan of its own (<see cref="Raw"/>), not by the
/// parser under test, so a test cannot pass on a value the file does not hold.</summary>
public class KernelConfigDifferTests
{
    private const string Generic = "config-6.1.0-57-amd64.gz";
    private const string Rt = "config-6.1.0-57-rt-amd64.gz";
    private const string Cloud = "config-6.1.0-57-cloud-amd64.gz";
    private const string Newer = "config-6.12.118+deb12-amd64.gz";

    private static string PathOf(string file) => FixturePaths.File("files/kernel/configs/" + file);

    /// <summary>The option's value as the file's lines say: "y", "m", a number or a quoted string; "n" for "# CONFIG_X
    /// is not set"; "-" when no line names it.</summary>
    private static string Raw(string file, string option)
    {
        using var gzip = new GZipStream(File.OpenRead(PathOf(file)), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        string? found = null;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line == $"# CONFIG_{option} is not set")
            {
                found = "n";
            }
            else if (line.StartsWith($"CONFIG_{option}=", StringComparison.Ordinal))
            {
                found = line[$"CONFIG_{option}=".Length..];
            }
        }

        return found ?? "-";
    }

    private static KernelConfigDiff Diff(params string[] files) => KernelConfigDiffer.Compare(files.Select(f => KernelConfigFiles.Open(PathOf(f))).ToList());

    private static ConceptComparison Concept(KernelConfigDiff diff, string id) => diff.Concepts.Single(c => c.Concept.Id == id);

    [Fact]
    public void Rt_against_generic_differs_in_preemption_and_has_no_thp()
    {
        Assert.Equal(("y", "-"), (Raw(Generic, "PREEMPT_VOLUNTARY"), Raw(Generic, "PREEMPT_RT")));
        Assert.Equal(("n", "y"), (Raw(Rt, "PREEMPT_VOLUNTARY"), Raw(Rt, "PREEMPT_RT")));
        Assert.Equal(("y", "y", "-"), (Raw(Generic, "TRANSPARENT_HUGEPAGE"), Raw(Generic, "TRANSPARENT_HUGEPAGE_ALWAYS"), Raw(Rt, "TRANSPARENT_HUGEPAGE")));

        var diff = Diff(Generic, Rt);

        var preemption = Concept(diff, "preemption");
        Assert.True(preemption.Differs);
        Assert.Equal(["voluntary", "rt"], preemption.Readings.Select(r => r.Value));
        Assert.Contains("twice the instructions per Unix-socket round trip", preemption.Readings[1].Meaning);
        var thp = Concept(diff, "thp-default");
        Assert.True(thp.Differs);
        Assert.Equal(["always", "off"], thp.Readings.Select(r => r.Value));
        Assert.Equal(["always", "-"], thp.Readings.Select(r => r.Shown));
        Assert.Equal(["y", "-"], Concept(diff, "preempt-dynamic").Readings.Select(r => r.Shown));
        Assert.Equal([Raw(Generic, "NET_RX_BUSY_POLL"), Raw(Rt, "NET_RX_BUSY_POLL")], Concept(diff, "busy-poll").Readings.Select(r => r.Shown));
        Assert.True(Concept(diff, "busy-poll").Differs);
    }

    [Fact]
    public void Cloud_lacks_9p_and_has_nvme_built_in()
    {
        Assert.Equal(("m", "n"), (Raw(Generic, "NET_9P"), Raw(Cloud, "NET_9P")));
        Assert.Equal(("m", "y"), (Raw(Generic, "BLK_DEV_NVME"), Raw(Cloud, "BLK_DEV_NVME")));

        var diff = Diff(Generic, Cloud);

        Assert.Equal(["m", "n"], Concept(diff, "9p").Readings.Select(r => r.Value));
        Assert.Contains("-virtfs fails", Concept(diff, "9p").Readings[1].Meaning);
        Assert.Equal(["m", "y"], Concept(diff, "nvme").Readings.Select(r => r.Value));
        Assert.False(Concept(diff, "preemption").Differs);
    }

    [Fact]
    public void The_newer_kernel_enables_mglru_by_default_and_compresses_modules_with_xz()
    {
        Assert.Equal(("n", "y"), (Raw(Generic, "LRU_GEN_ENABLED"), Raw(Newer, "LRU_GEN_ENABLED")));
        Assert.Equal(("n", "y", "-"), (Raw(Generic, "MODULE_COMPRESS_XZ"), Raw(Newer, "MODULE_COMPRESS_XZ"), Raw(Newer, "MODULE_COMPRESS_NONE")));
        Assert.EndsWith(",ipe\"", Raw(Newer, "LSM"), StringComparison.Ordinal);
        Assert.Equal(Raw(Generic, "LSM"), Raw(Newer, "LSM").Replace(",ipe", "", StringComparison.Ordinal));

        var diff = Diff(Generic, Newer);

        Assert.Equal(["off", "on"], Concept(diff, "lru-gen").Readings.Select(r => r.Value));
        Assert.Equal(["none", "xz"], Concept(diff, "module-compression").Readings.Select(r => r.Value));
        var lsm = Concept(diff, "lsm");
        Assert.True(lsm.Differs);
        Assert.Equal("+ipe", lsm.Readings[1].Shown);
        Assert.StartsWith("adds ipe", lsm.Readings[1].Meaning, StringComparison.Ordinal);
    }

    /// <summary>6.9 renamed the x86 mitigations; each is one concept read under both names, so the rename is no
    /// difference, and the JSON-facing options name each kernel's own spelling.</summary>
    [Theory]
    [InlineData("pti", "PAGE_TABLE_ISOLATION", "MITIGATION_PAGE_TABLE_ISOLATION")]
    [InlineData("retpoline", "RETPOLINE", "MITIGATION_RETPOLINE")]
    [InlineData("rethunk", "RETHUNK", "MITIGATION_RETHUNK")]
    [InlineData("unret-entry", "CPU_UNRET_ENTRY", "MITIGATION_UNRET_ENTRY")]
    [InlineData("ibpb-entry", "CPU_IBPB_ENTRY", "MITIGATION_IBPB_ENTRY")]
    [InlineData("ibrs-entry", "CPU_IBRS_ENTRY", "MITIGATION_IBRS_ENTRY")]
    [InlineData("srso", "CPU_SRSO", "MITIGATION_SRSO")]
    [InlineData("sls", "SLS", "MITIGATION_SLS")]
    public void A_mitigation_renamed_in_6_9_is_no_difference_between_6_1_and_6_12(string id, string oldName, string newName)
    {
        Assert.Equal(("y", "-"), (Raw(Generic, oldName), Raw(Generic, newName)));
        Assert.Equal(("-", "y"), (Raw(Newer, oldName), Raw(Newer, newName)));

        var concept = Concept(Diff(Generic, Newer), id);

        Assert.False(concept.Differs);
        Assert.Equal(["y", "y"], concept.Readings.Select(r => r.Shown));
        Assert.Equal("y", concept.Readings[0].Options[oldName]);
        Assert.Equal("y", concept.Readings[1].Options[newName]);
    }

    [Fact]
    public void No_renamed_option_shows_as_a_difference_between_6_1_and_6_12()
    {
        var diff = Diff(Generic, Newer);

        var renamed = diff.Differences.Where(c => c.Concept.Reader.Options.Any(o => o.FormerNames.Count > 0)).Select(c => c.Concept.Id).ToList();

        // Call depth tracking came in 6.2 and was renamed in 6.9: 6.1 lacks it under either name, a real difference.
        Assert.Equal(("-", "-", "y"), (Raw(Generic, "CALL_DEPTH_TRACKING"), Raw(Generic, "MITIGATION_CALL_DEPTH_TRACKING"), Raw(Newer, "MITIGATION_CALL_DEPTH_TRACKING")));
        Assert.Equal(["call-depth-tracking"], renamed);
        Assert.False(Concept(diff, "per-vulnerability").Differs);
    }

    /// <summary>sched_ext: absent in 6.1's Kconfig, "n" in 6.12's: both mean no sched_ext, so no difference, but each
    /// is shown as it is.</summary>
    [Fact]
    public void An_option_absent_in_one_kernel_and_off_in_the_other_is_shown_but_not_a_difference()
    {
        Assert.Equal(("-", "n"), (Raw(Generic, "SCHED_CLASS_EXT"), Raw(Newer, "SCHED_CLASS_EXT")));

        var schedExt = Concept(Diff(Generic, Newer), "sched-ext");

        Assert.False(schedExt.Differs);
        Assert.Equal(["-", "n"], schedExt.Readings.Select(r => r.Shown));
    }

    [Fact]
    public void The_four_kernels_get_short_columns_and_every_difference_the_study_found()
    {
        var diff = Diff(Generic, Rt, Cloud, Newer);

        Assert.Equal(["6.1", "6.1-rt", "6.1-cloud", "6.12"], diff.Kernels.Select(k => k.Column));
        Assert.Equal("6.12.118+deb12-amd64", diff.Kernels[3].Label);
        var ids = diff.Differences.Select(c => c.Concept.Id).ToHashSet();
        Assert.Superset(new HashSet<string> { "preemption", "preempt-dynamic", "thp-default", "numa-balancing", "lru-gen", "zswap", "busy-poll", "9p", "nvme", "lsm", "ibt", "module-compression", "damon" }, ids);
        Assert.DoesNotContain("hz", ids);
        Assert.Equal(Raw(Generic, "HZ"), Concept(diff, "hz").Readings[0].Value);
    }

    [Fact]
    public void One_kernel_is_refused_with_a_hint()
    {
        var error = Assert.Throws<AiTuneException>(() => KernelConfigDiffer.Compare([KernelConfigFiles.Open(PathOf(Generic))]));

        Assert.Contains("at least two", error.Message);
        Assert.Contains("kernel diff", error.Hint);
    }

    [Fact]
    public void Identical_labels_get_numbered_columns()
    {
        Assert.Equal(["6.1#1", "6.1#2"], ColumnLabels.For(["6.1.0-57-amd64", "6.1.0-57-amd64"]));
        Assert.Equal(["6.1.0-57-amd64", "6.1.0-58-amd64"], ColumnLabels.For(["6.1.0-57-amd64", "6.1.0-58-amd64"]));
        Assert.Equal([".config", "6.12"], ColumnLabels.For([".config", "6.12.118+deb12-amd64"]));
    }
}
