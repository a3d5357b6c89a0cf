using AiTune.Audit;
using AiTune.Knobs;
using AiTune.Profiles;
using AiTune.Tests.Support;
using CsCheck;

namespace AiTune.Tests.Profiles;

public class ProfileCatalogTests
{
    [Fact]
    public void The_built_in_profiles_load_and_only_workload_profiles_are_selectable()
    {
        var names = ProfileCatalog.BuiltIn.Selectable.Select(p => p.Name);

        Assert.Equal(["balanced", "hardened", "inference-latency", "inference-throughput", "training-throughput"], names);
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
        Assert.Equal("0 (when numa_nodes >=2)", numa.Describe());
    }

    [Fact]
    public void Every_built_in_setting_has_a_rationale_and_a_source_of_its_own_or_from_its_rule()
    {
        foreach (var setting in ProfileCatalog.BuiltIn.All.SelectMany(p => p.Settings))
        {
            Assert.False(string.IsNullOrWhiteSpace(setting.Rationale), setting.Knob.Id);
            Assert.False(string.IsNullOrWhiteSpace(setting.Source), setting.Knob.Id);
            Assert.DoesNotContain("set by profile", setting.Rationale);
        }

        var swappiness = ProfileCatalog.BuiltIn.Get("inference-throughput").Settings.Single(s => s.Knob.Id == "sysctl:vm.swappiness");
        var rule = RuleCatalogue.All.Single(r => r.Id == "MEM009");
        Assert.Equal(rule.Why, swappiness.Rationale);
        Assert.Equal(rule.Source, swappiness.Source);
        var pages = ProfileCatalog.BuiltIn.Get("inference-throughput").Settings.Single(s => s.Knob.Id == "hugepages:2048kB");
        Assert.Equal("Documentation/admin-guide/mm/hugetlbpage.rst", pages.Source);
        Assert.Equal(5, pages.Model!.HeadroomPercent);
    }

    [Fact]
    public void The_balanced_profile_forces_no_governor_and_no_busy_polling()
    {
        var balanced = ProfileCatalog.BuiltIn.Get("balanced");
        var knobs = balanced.Settings.Select(s => s.Knob.Id).ToList();

        Assert.Contains("sysctl:vm.swappiness", knobs);
        Assert.DoesNotContain("cpu:governor", knobs);
        Assert.DoesNotContain("sysctl:net.core.busy_poll", knobs);
        Assert.DoesNotContain("sysctl:net.core.busy_read", knobs);
        Assert.DoesNotContain(balanced.Settings, s => s.Knob.Kind == KnobKind.HugePages);
        Assert.NotEmpty(balanced.Description);
    }

    [Fact]
    public void A_combination_keeps_the_settings_of_each_component()
    {
        var selection = ProfileCatalog.BuiltIn.Select("inference-latency+training-throughput");

        Assert.Equal("inference-latency+training-throughput", selection.Name);
        Assert.Equal(["inference-latency", "training-throughput"], selection.Names);
        Assert.Equal(["inference-latency", "training-throughput"],
            selection.Components.SelectMany(c => c.Settings).Where(s => s.Knob.Id == "thp:enabled").Select(s => s.Profile));
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
    [InlineData("name = \"x\"\n[sysctl]\n\"kernel.core_pattern\" = \"|/tmp/x %p\"", "never writes: a pattern starting with '|' makes the kernel run that program as root")]
    [InlineData("name = \"x\"\n[sysctl]\n\"kernel.modprobe\" = \"/tmp/x\"", "'kernel.modprobe' is a setting aitune never writes")]
    [InlineData("name = \"x\"\n[sysctl]\n\"fs.binfmt_misc.register\" = \":x:E::x::/tmp/x:\"", "binfmt_misc registers interpreters")]
    [InlineData("name = \"x\"\ncolour = 1", "unknown key 'colour'")]
    [InlineData("name = \"x\"\n[block.floppy]\nscheduler = \"none\"", "device class must be one of")]
    [InlineData("name = \"x\"\n[cpu]\ngovernor = { value = \"performance\", severity = \"urgent\" }", "severity must be one of")]
    [InlineData("name = \"X Y\"", "must be lower-case")]
    [InlineData("name = \"x\"\nworkload = \"gaming\"", "workload 'gaming'")]
    [InlineData("name = \"x\"\n[sysctl\n", "profile p.toml(")]
    [InlineData("name = \"x\"\n[hugepages]\n\"2048kB\" = { value = \"model\", headroom_percent = 500 }", "headroom_percent must be an integer from 0 to 100")]
    [InlineData("name = \"x\"\n[hugepages]\n\"2048kB\" = { value = \"model\", headroom_percent = \"5\" }", "headroom_percent must be an integer")]
    [InlineData("name = \"x\"\n[hugepages]\n\"2048kB\" = { value = \"1024\", headroom_percent = 5 }", "headroom_percent goes with value = \"model\" only")]
    [InlineData("name = \"x\"\n[sysctl]\n\"vm.nr_hugepages\" = \"model\"", "\"model\" is a computed value of [hugepages] settings only")]
    [InlineData("name = \"x\"\n[hugepages]\n\"2M\" = \"1024\"", "a huge page size as the kernel names it")]
    [InlineData("name = \"x\"\n[hugepages]\n\"../2048kB\" = \"1024\"", "'../2048kB' is not a knob")]
    [InlineData("name = \"x\"\n[scheduler]\nsched_foo = \"1\"", "scheduler tunables: base_slice_ns")]
    [InlineData("name = \"x\"\n[sysctl]\n\"vm swappiness\" = \"1\"", "no '/', '..', globs or spaces")]
    [InlineData("name = \"x\"\n[sysctl]\n\"vm..swappiness\" = \"1\"", "no '/', '..', globs or spaces")]
    [InlineData("name = \"x\"\n[cmdline]\n\"a..b\" = \"1\"", "'a..b' is not a knob aitune knows")]
    [InlineData("name = \"x\"\n[cmdline]\n\"a/b\" = \"1\"", "'a/b' is not a knob aitune knows")]
    [InlineData("name = \"x\"\n[cmdline]\n\"a b\" = \"1\"", "'a b' is not a knob aitune knows")]
    [InlineData("name = \"x\"\n[sysctl]\n\"vm.swappiness\" = 1.5", "must be a string or an integer")]
    [InlineData("name = \"x\"\n[sysctl]\n\"vm.swappiness\" = { value = [1] }", "must be a string or an integer")]
    [InlineData("name = \"x\"\n[sysctl]\n\"vm.swappiness\" = { value = \"1\", colour = \"red\" }", "'vm.swappiness': unknown key 'colour'")]
    [InlineData("name = \"x\"\n[sysctl]\n\"vm.swappiness\" = { value = \"1\", why = \"a\\nb\" }", "why contains a control character")]
    [InlineData("name = \"x\"\n[sysctl]\n\"vm.swappiness\" = { value = \"1\", source = \"\\u001b[31m\" }", "source contains a control character")]
    [InlineData("name = \"x\"\n[sysctl]\n\"vm.swappiness\" = { value = \"1\", why = 3 }", "why must be a non-empty string")]
    [InlineData("name = \"x\"\n[sysctl]\n\"vm.swappiness\" = { value = \"1\", severity = \"3\" }", "severity must be one of")]
    [InlineData("name = \"x\"\n[sysctl]\n\"vm.swappiness\" = { value = \"1\", when = \"vm\" }", "when must be a table")]
    [InlineData("name = \"x\"\n[sysctl]\n\"vm.swappiness\" = { value = \"1\", when = { cloud = true } }", "'vm.swappiness': when: unknown key 'cloud'")]
    [InlineData("name = \"x\"\n[sysctl]\n\"vm.swappiness\" = { value = \"1\", when = { gpu_vendor = \"nvidia|matrox\" } }", "gpu_vendor must be nvidia, amd, intel, none")]
    [InlineData("name = \"x\"\n[sysctl]\n\"vm.swappiness\" = { value = \"1\", when = { kernel = \">=six\" } }", "when: kernel: '>=six' is not a version")]
    [InlineData("name = \"x\"\n[sysctl]\n\"vm.swappiness\" = { value = \"1\", when = { kernel = \">=5.15,\" } }", "is not a version")]
    [InlineData("name = \"x\"\n[sysctl]\n\"vm.swappiness\" = { value = \"1\", when = { numa_nodes = \"2.1\" } }", "is not a count")]
    [InlineData("name = \"x\"\n[sysctl]\n\"vm.swappiness\" = { value = \"1\", when = { rotational = \"yes\" } }", "rotational must be true or false")]
    [InlineData("name = \"x\"\n[sysctl]\n\"vm.swappiness\" = { value = \"1\", when = { flavor = \"gentoo\" } }", "flavor must be a kernel flavor")]
    [InlineData("name = \"x\"\n[sysctl]\n\"vm.swappiness\" = { value = \"1\", when = { virtualization = \"KVM /x\" } }", "virtualization must be")]
    [InlineData("name = \"x\"\ninclude = [\"../etc\"]", "include '../etc' is not a profile name")]
    [InlineData("name = \"x\"\ndescription = \"two\\nlines\"", "'description' contains a control character")]
    public void Profile_errors_name_the_problem(string toml, string message)
    {
        var error = Assert.Throws<AiTuneException>(() => ProfileParser.Parse(toml, "p.toml"));

        Assert.Contains(message, error.Message);
        Assert.StartsWith("profile p.toml", error.Message);
    }

    [Fact]
    public void A_syntax_error_gives_the_file_line_and_column()
    {
        var error = Assert.Throws<AiTuneException>(() => ProfileParser.Parse("name = \"x\"\n\n[sysctl]\n\"vm.swappiness\" = = 3\n", "/etc/aitune/profiles.d/p.toml"));

        // Tomlyn's diagnostic names the file as TOML tools do, FILE(line,column), at the offending '='.
        Assert.StartsWith("profile /etc/aitune/profiles.d/p.toml(4,19): ", error.Message);
        Assert.Contains("Unexpected token", error.Message);
    }

    [Fact]
    public void The_built_in_profiles_pass_the_strict_syntax_check_that_runs_are_spared()
    {
        var directory = FixturePaths.Repository("profiles");
        var files = Directory.GetFiles(directory, "*.toml");
        Assert.Equal(ProfileCatalog.BuiltIn.All.Count, files.Length);
        foreach (var file in files)
        {
            ProfileParser.CheckSyntax(File.ReadAllText(file), Path.GetFileName(file)); // throws on a key stated twice
        }

        var twice = Assert.Throws<AiTuneException>(() => ProfileParser.CheckSyntax("name = \"x\"\nname = \"y\"\n", "x.toml"));
        Assert.StartsWith("profile x.toml(2,", twice.Message);
    }

    [Fact]
    public void A_duplicate_key_is_a_syntax_error_with_its_position()
    {
        var error = Assert.Throws<AiTuneException>(() => ProfileParser.Parse("name = \"x\"\n[sysctl]\n\"vm.swappiness\" = 1\n\"vm.swappiness\" = 2\n", "p.toml"));

        Assert.Matches(@"^profile p\.toml\(4,\d+\): ", error.Message);
    }

    [Theory]
    [InlineData("name = \"\\UD800DC00\"")]
    [InlineData("name = \"\\uD800\"")]
    public void Invalid_unicode_escapes_are_profile_errors(string toml) =>
        Assert.StartsWith("profile p.toml", Assert.Throws<AiTuneException>(() => ProfileParser.Parse(toml, "p.toml")).Message);

    [Fact]
    public void Include_cycles_and_unknown_includes_are_refused()
    {
        var error = Assert.Throws<AiTuneException>(() =>
            ProfileCatalog.FromTexts([("a.toml", "name = \"a\"\ninclude = [\"b\"]"), ("b.toml", "name = \"b\"\ninclude = [\"a\"]")]));
        Assert.Contains("a -> b -> a", error.Message);
        Assert.StartsWith("profile b.toml (built-in): include cycle", error.Message);

        var missing = Assert.Throws<AiTuneException>(() => ProfileCatalog.FromTexts([("a.toml", "name = \"a\"\ninclude = [\"nope\"]")]));
        Assert.Contains("unknown profile 'nope'", missing.Message);
        Assert.StartsWith("profile a.toml", missing.Message);
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
