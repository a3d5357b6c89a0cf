using AiTune.Audit;
using AiTune.Profiles;
using AiTune.Tuning.Knobs;
using CsCheck;

namespace AiTune.Tests.Profiles;

public class ProfileCatalogTests
{
    [Fact]
    public void The_built_in_profiles_load_and_only_workload_profiles_are_selectable()
    {
        var names = ProfileCatalog.BuiltIn.Selectable.Select(p => p.Name);

        Assert.Equal(["hardened", "inference-latency", "inference-throughput", "training-throughput"], names);
        Assert.Throws<AiTuneException>(() => ProfileCatalog.BuiltIn.Select("base"));
    }

    [Fact]
    public void Every_knob_a_built_in_profile_sets_has_a_rule_that_explains_it()
    {
        var ruled = RuleCatalogue.All.Where(r => r.Knob is not null).Select(r => r.Knob!.Id).ToHashSet();
        var unexplained = ProfileCatalog.BuiltIn.All.SelectMany(p => p.Settings).Select(s => s.Knob.Id).Where(id => !ruled.Contains(id)).Distinct().ToList();

        Assert.Empty(unexplained);
    }

    [Fact]
    public void Includes_are_resolved_and_the_including_profile_wins()
    {
        var latency = ProfileCatalog.BuiltIn.Get("inference-latency");

        var swappiness = latency.Settings.Single(s => s.Knob.Id == "sysctl:vm.swappiness");
        Assert.Equal("base", swappiness.Profile);
        var numa = latency.Settings.Single(s => s.Knob.Id == "sysctl:kernel.numa_balancing");
        Assert.Equal("inference-latency", numa.Profile);
        Assert.Equal(Severity.High, numa.Severity);
    }

    [Fact]
    public void A_combination_reports_conflicting_workloads_and_knobs()
    {
        var selection = ProfileCatalog.BuiltIn.Select("inference-latency+training-throughput");

        Assert.Equal("inference-latency+training-throughput", selection.Name);
        Assert.Contains("workload: inference vs training", selection.Conflicts);
        Assert.Contains(selection.Conflicts, c => c.StartsWith("thp:enabled:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("inference-latency+inference-latency")]
    [InlineData("inference-latency+")]
    [InlineData("no-such-profile")]
    public void Bad_selections_are_clear_errors(string expression) =>
        Assert.Throws<AiTuneException>(() => ProfileCatalog.BuiltIn.Select(expression));

    [Theory]
    [InlineData("name = \"x\"\n[sysctl]\n\"vm/../../etc\" = \"1\"", "not a knob aitune knows")]
    [InlineData("name = \"x\"\n[sysctl]\n\"net.ipv4.conf.*.rp_filter\" = \"1\"", "no '/', '..', globs")]
    [InlineData("name = \"x\"\n[sysctl]\n\"vm.swappiness\" = \"10\\nkernel.core_pattern = |/tmp/x\"", "control character")]
    [InlineData("name = \"x\"\ncolour = 1", "unknown key 'colour'")]
    [InlineData("name = \"x\"\n[block.floppy]\nscheduler = \"none\"", "device class must be one of")]
    [InlineData("name = \"x\"\n[cpu]\ngovernor = { value = \"performance\", severity = \"urgent\" }", "severity must be one of")]
    [InlineData("name = \"X Y\"", "must be lower-case")]
    [InlineData("name = \"x\"\nworkload = \"gaming\"", "workload 'gaming'")]
    [InlineData("name = \"x\"\n[sysctl\n", "profile p.toml: ")]
    public void Profile_errors_name_the_problem(string toml, string message)
    {
        var error = Assert.Throws<AiTuneException>(() => ProfileParser.Parse(toml, "p.toml"));

        Assert.Contains(message, error.Message);
        Assert.StartsWith("profile p.toml: ", error.Message);
    }

    [Fact]
    public void A_syntax_error_gives_line_and_column()
    {
        var error = Assert.Throws<AiTuneException>(() => ProfileParser.Parse("name = \"x\"\n\n[sysctl]\n\"vm.swappiness\" = = 3\n", "p.toml"));

        Assert.Matches(@"\(4,\d+\)|4:\d+|line 4", error.Message);
    }

    [Theory]
    [InlineData("name = \"\\UD800DC00\"")]
    [InlineData("name = \"\\uD800\"")]
    public void Invalid_unicode_escapes_are_profile_errors(string toml) =>
        Assert.StartsWith("profile p.toml: ", Assert.Throws<AiTuneException>(() => ProfileParser.Parse(toml, "p.toml")).Message);

    [Fact]
    public void Include_cycles_and_unknown_includes_are_refused()
    {
        var cycle = ProfileCatalog.FromTexts([("a.toml", "name = \"a\"\ninclude = [\"b\"]"), ("b.toml", "name = \"b\"\ninclude = [\"a\"]")]);
        var error = Assert.Throws<AiTuneException>(() => cycle.Get("a"));
        Assert.Contains("a -> b -> a", error.Message);

        var missing = ProfileCatalog.FromTexts([("a.toml", "name = \"a\"\ninclude = [\"nope\"]")]);
        Assert.Contains("unknown profile 'nope'", Assert.Throws<AiTuneException>(() => missing.Get("a")).Message);
    }

    [Fact]
    public void Random_text_never_escapes_the_parser_as_another_exception()
    {
        Gen.String.Sample(text =>
        {
            try
            {
                ProfileParser.Parse(text, "random.toml");
            }
            catch (AiTuneException)
            {
            }
        }, iter: 2000);

        Gen.OneOfConst("name", "[sysctl]", "\"vm.swappiness\"", "=", "\"<=10\"", "\n", "[cpu]", "governor", "{ value = 1 }", "include = [\"base\"]", "[block.nvme]", "]", "\"", "'")
            .Array[0, 30].Select(parts => string.Concat(parts))
            .Sample(text =>
            {
                try
                {
                    var parsed = ProfileParser.Parse(text, "random.toml");
                    Assert.All(parsed.Settings, s => Assert.True(KnobReader.IsKnown(s.Knob)));
                }
                catch (AiTuneException)
                {
                }
            }, iter: 2000);
    }
}
