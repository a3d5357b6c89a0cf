using System.Text;
using AiTune.Facts;
using AiTune.Inspection.Kernel;
using AiTune.Tests.Support;
using CsCheck;

namespace AiTune.Tests.Inspection.Kernel;

public class KernelConfigParserTests
{
    private const string Path = "/proc/config.gz";

    [Fact]
    public void Parses_a_captured_proc_config_gz()
    {
        var compressed = File.ReadAllBytes(FixturePaths.File("files/kernel/config-6.18.44-fc-v669.gz"));
        var text = Encoding.UTF8.GetString(BoundedGzip.Decompress(compressed, Path).Value);

        var config = KernelConfigParser.Parse(text, Path).Value;

        Assert.Equal(3051, config.Options.Count);
        Assert.Empty(config.MalformedOptions);
        Assert.Equal(0, config.MalformedLines);
        Assert.Equal("250", config.Options["CONFIG_HZ"]);
        Assert.Equal("y", config.Options["CONFIG_PREEMPT_DYNAMIC"]);
        Assert.Equal("y", config.Options["CONFIG_PREEMPT_NONE"]);
        Assert.Equal("n", config.Options["CONFIG_PREEMPT_VOLUNTARY"]);
        Assert.Equal("n", config.Options["CONFIG_SCHED_CLASS_EXT"]);
        Assert.Equal("gcc (GCC) 15.3.0", config.Options["CONFIG_CC_VERSION_TEXT"]);
        Assert.Equal("landlock,lockdown,yama,loadpin,safesetid,integrity,smack,tomoyo,apparmor,bpf", config.Options["CONFIG_LSM"]);
        Assert.Equal("x86_64", KernelArchitecture.FromConfig(config.Options));
    }

    [Fact]
    public void A_compressed_config_parsed_as_it_decompresses_is_the_same_config()
    {
        var compressed = File.ReadAllBytes(FixturePaths.File("files/kernel/config-6.18.44-fc-v669.gz"));
        var whole = KernelConfigParser.Parse(BoundedGzip.Decompress(compressed, Path).Value, Path).Value;

        var streamed = KernelConfigParser.ParseGzip(compressed, Path).Value;

        Assert.Equal(whole.Options.OrderBy(o => o.Key, StringComparer.Ordinal), streamed.Options.OrderBy(o => o.Key, StringComparer.Ordinal));
        Assert.Equal(3051, streamed.Options.Count);
        Assert.Equal(UnknownKind.Malformed, KernelConfigParser.ParseGzip([1, 2, 3], Path).Reason!.Kind);
    }

    /// <summary>A decompressor hands text out in pieces that split lines anywhere, a \r\n included: any split of a
    /// config must read as the config does whole.</summary>
    [Fact]
    public void A_config_split_anywhere_reads_as_it_does_whole()
    {
        var text = Encoding.UTF8.GetBytes(
            "# Linux config\r\nCONFIG_HZ=250\r\n# CONFIG_NUMA is not set\nCONFIG_LSM=\"a,\\\"b\\\"\"\nCONFIG_BAD=\"open\nbroken line\n\nCONFIG_HZ=1000\nCONFIG_LAST=m");
        var expected = Describe(KernelConfigParser.Parse(text, Path).Value);
        Gen.Int[0, text.Length].Array[0, 6].Sample(cuts =>
        {
            var lines = new KernelConfigLines(null);
            int start = 0;
            foreach (var cut in cuts.Order())
            {
                lines.AddText(text.AsSpan(start, cut - start));
                start = cut;
            }

            lines.AddText(text.AsSpan(start));
            Assert.Equal(expected, Describe(lines.Finish(Path).Value));
        });
    }

    private static string Describe(KernelConfigFile file) =>
        string.Join(";", file.Options.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}")) +
        $"|{string.Join(",", file.MalformedOptions)}|{file.MalformedLines}";

    [Fact]
    public void Reads_values_comments_and_not_set_lines_as_kconfig_writes_them()
    {
        var config = KernelConfigParser.Parse("""
            #
            # Automatically generated file; DO NOT EDIT.
            # Linux/x86 6.12.10 Kernel Configuration
            #
            CONFIG_HZ_300=y
            CONFIG_HZ=300
            CONFIG_ZRAM=m
            CONFIG_PHYSICAL_START=0x1000000
            # CONFIG_PREEMPT_RT is not set
            CONFIG_CMDLINE="console=ttyS0 \"quoted\" back\\slash"
            CONFIG_LOCALVERSION=""
            # CONFIG_NOT_AN_OPTION is not set because
            # end of Timers subsystem
            """, "/boot/config-x").Value;

        Assert.Equal("y", config.Options["CONFIG_HZ_300"]);
        Assert.Equal("300", config.Options["CONFIG_HZ"]);
        Assert.Equal("m", config.Options["CONFIG_ZRAM"]);
        Assert.Equal("0x1000000", config.Options["CONFIG_PHYSICAL_START"]);
        Assert.Equal("n", config.Options["CONFIG_PREEMPT_RT"]);
        Assert.Equal("console=ttyS0 \"quoted\" back\\slash", config.Options["CONFIG_CMDLINE"]);
        Assert.Equal("", config.Options["CONFIG_LOCALVERSION"]);
        Assert.False(config.Options.ContainsKey("CONFIG_NOT_AN_OPTION"));
        Assert.Equal(7, config.Options.Count);
        Assert.Equal(0, config.MalformedLines);
    }

    [Fact]
    public void A_bad_line_spoils_only_its_own_option()
    {
        var config = KernelConfigParser.Parse(
            "CONFIG_NUMA=y\nCONFIG_HZ\nCONFIG_LSM=\"unterminated\nCONFIG_PSI=y y\nCONFIG_BAD-NAME=y\ngarbage line\n\u0001\u0002\nCONFIG_IO_URING=y\r\n",
            "/boot/config-x").Value;

        Assert.Equal(new Dictionary<string, string> { ["CONFIG_NUMA"] = "y", ["CONFIG_IO_URING"] = "y" }, config.Options);
        Assert.Equal(["CONFIG_HZ", "CONFIG_LSM", "CONFIG_PSI"], config.MalformedOptions);
        Assert.Equal(6, config.MalformedLines);
    }

    [Fact]
    public void A_later_line_wins_and_clears_an_earlier_bad_one()
    {
        var config = KernelConfigParser.Parse("CONFIG_HZ=1000\nCONFIG_HZ\nCONFIG_HZ=250\n# CONFIG_NUMA is not set\nCONFIG_NUMA=y\n", "x").Value;

        Assert.Equal("250", config.Options["CONFIG_HZ"]);
        Assert.Equal("y", config.Options["CONFIG_NUMA"]);
        Assert.Empty(config.MalformedOptions);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only comments\n#\n")]
    [InlineData("\u007fELF\u0002\u0001\u0001")]
    public void Text_without_any_option_is_malformed(string text)
    {
        var config = KernelConfigParser.Parse(text, "/boot/config-x");

        Assert.Equal(UnknownKind.Malformed, config.Reason!.Kind);
        Assert.Equal("/boot/config-x: no CONFIG_ option in the file", config.Reason.Detail);
    }

    [Fact]
    public void Any_text_gives_a_value_or_a_malformed_fact()
    {
        Gen.String.Sample(text =>
        {
            var config = KernelConfigParser.Parse(text, "x");
            Assert.True(config.IsKnown || config.Reason!.Kind == UnknownKind.Malformed);
        });
        var lines = Gen.OneOf(Gen.Const("CONFIG_"), Gen.Const("# CONFIG_"), Gen.Const("\""), Gen.Const("="), Gen.Const("\n"),
            Gen.Const(" is not set"), Gen.String[0, 8], Gen.Const("\\"));
        lines.Array[0, 40].Select(parts => string.Concat(parts)).Sample(text =>
        {
            var config = KernelConfigParser.Parse(text, "x");
            if (config.TryGet(out var file))
            {
                Assert.All(file.Options.Keys, key => Assert.StartsWith("CONFIG_", key));
                Assert.All(file.MalformedOptions, name => Assert.False(file.Options.ContainsKey(name)));
            }
        });
        Gen.Byte.Array[0, 400].Sample(bytes => KernelConfigParser.Parse(Encoding.UTF8.GetString(bytes), "x"));
    }

    [Fact]
    public void Keeping_some_options_keeps_exactly_those_and_judges_the_file_alike()
    {
        var compressed = File.ReadAllBytes(FixturePaths.File("files/kernel/config-6.18.44-fc-v669.gz"));
        var bytes = BoundedGzip.Decompress(compressed, Path).Value;

        var all = KernelConfigParser.Parse(bytes, Path).Value;
        var kept = KernelConfigParser.Parse(bytes, Path, new ConfigOptionNames(["CONFIG_HZ", "CONFIG_LSM", "CONFIG_PREEMPT_VOLUNTARY", "CONFIG_NO_SUCH"])).Value;

        Assert.Equal(new Dictionary<string, string>
        {
            ["CONFIG_HZ"] = "250",
            ["CONFIG_LSM"] = "landlock,lockdown,yama,loadpin,safesetid,integrity,smack,tomoyo,apparmor,bpf",
            ["CONFIG_PREEMPT_VOLUNTARY"] = "n",
        }, kept.Options);
        Assert.Equal(all.MalformedLines, kept.MalformedLines);
    }

    [Fact]
    public void A_file_whose_only_options_are_malformed_and_not_kept_is_still_a_config()
    {
        var config = KernelConfigParser.Parse("CONFIG_HZ\nCONFIG_PSI=y y\n"u8, "x", new ConfigOptionNames(["CONFIG_NUMA"])).Value;

        Assert.Empty(config.Options);
        Assert.Empty(config.MalformedOptions);
        Assert.Equal(2, config.MalformedLines);
    }

    [Fact]
    public void Keeping_some_options_is_the_full_parse_cut_down_to_them()
    {
        string[] names = ["CONFIG_A", "CONFIG_B", "CONFIG_HZ", "CONFIG_LSM"];
        var line = Gen.OneOf(
            Gen.Select(Gen.OneOfConst(names), Gen.OneOfConst("y", "m", "1000", "\"quoted \\\" text\"", "\"open", "", "y y", "0x10")).Select((n, v) => $"{n}={v}"),
            Gen.OneOfConst(names).Select(n => $"# {n} is not set"),
            Gen.OneOfConst(names),
            Gen.OneOfConst("# comment", "garbage", ""));
        var keptNames = new ConfigOptionNames(["CONFIG_B", "CONFIG_LSM"]);
        line.Array[0, 20].Select(lines => string.Join('\n', lines)).Sample(text =>
        {
            var all = KernelConfigParser.Parse(text, "x");
            var kept = KernelConfigParser.Parse(Encoding.UTF8.GetBytes(text), "x", keptNames);
            Assert.Equal(all.IsKnown, kept.IsKnown);
            if (all.TryGet(out var full))
            {
                var file = kept.Value;
                Assert.Equal(full.Options.Where(o => keptNames.Contains(o.Key)).OrderBy(o => o.Key), file.Options.OrderBy(o => o.Key));
                Assert.Equal(full.MalformedOptions.Where(keptNames.Contains), file.MalformedOptions);
                Assert.Equal(full.MalformedLines, file.MalformedLines);
            }
        });
    }

    [Fact]
    public void The_inspection_reads_every_option_the_detectors_ask_for()
    {
        // A detector asking for an option the inspection does not keep would read "not set" for it on every host.
        var sources = new[] { "KernelFlavorDetector.cs", "KernelArchitecture.cs", "PreemptionResolver.cs", "KernelInspector.cs" }
            .Select(file => File.ReadAllText(FixturePaths.Repository(System.IO.Path.Combine("src", "AiTune", "Inspection", "Kernel", file))));
        var asked = sources.SelectMany(text => System.Text.RegularExpressions.Regex.Matches(text, "\"(CONFIG_[A-Z0-9_]+)\"").Select(m => m.Groups[1].Value))
            .Distinct().ToList();

        Assert.Contains("CONFIG_LOONGARCH", asked);
        Assert.All(asked, name => Assert.True(KernelInspector.ConfigOptionsRead.Contains(name), name + " is not read"));
    }
}
