using System.Globalization;
using AiTune.Knobs;
using AiTune.Profiles;
using CsCheck;

namespace AiTune.Tests.Profiles;

/// <summary>Properties of the profile language: hostile text never escapes as anything but a profile error, every
/// valid setting survives the trip through text, parser and resolver, and the value notation means what it says.</summary>
public class ProfileLanguagePropertyTests
{
    /// <summary>One valid setting: the section it belongs in, its key, its value text, and its condition.</summary>
    private sealed record GeneratedSetting(string Section, string Key, string Value, string? When, bool HoldsOnXeon);

    private static readonly Gen<string> Word = Gen.Char['a', 'z'].Array[1, 8].Select(c => new string(c)).Where(w => w != "model");

    private static readonly Gen<string> Value = Gen.OneOf(
        Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture)),
        Gen.Long.Select(n => ">=" + n.ToString(CultureInfo.InvariantCulture)),
        Gen.Long.Select(n => "<=" + n.ToString(CultureInfo.InvariantCulture)),
        Word,
        Word.Array[2, 4].Select(words => string.Join('|', words)));

    /// <summary>A condition and whether it holds on xeon-2numa-nvidia (bare metal, 2 nodes, one NVIDIA GPU, kernel 6.8.0,
    /// generic, no rotational drive): the oracle the resolver is checked against.</summary>
    private static readonly Gen<(string Text, bool Holds)> Condition = Gen.OneOf(
        Gen.Int[1, 4].Select(n => ($"numa_nodes = \">={n}\"", 2 >= n)),
        Gen.Int[1, 4].Select(n => ($"numa_nodes = {n}", n == 2)),
        Gen.Select(Gen.Int[3, 7], Gen.Int[0, 20]).Select(v => ($"kernel = \">={v.Item1}.{v.Item2}\"", 6 > v.Item1 || (6 == v.Item1 && 8 >= v.Item2))),
        Gen.Select(Gen.Int[3, 7], Gen.Int[0, 20]).Select(v => ($"kernel = \"<{v.Item1}.{v.Item2}\"", 6 < v.Item1 || (6 == v.Item1 && 8 < v.Item2))),
        Gen.OneOfConst("none", "vm", "kvm", "none|kvm", "xen|vmware").Select(v => ($"virtualization = \"{v}\"", v.Split('|').Contains("none"))),
        Gen.OneOfConst("nvidia", "amd", "intel", "none", "amd|nvidia", "intel|none").Select(v => ($"gpu_vendor = \"{v}\"", v.Split('|').Contains("nvidia"))),
        Gen.Bool.Select(b => ($"rotational = {(b ? "true" : "false")}", !b)),
        Gen.OneOfConst("generic", "rt", "generic/ubuntu", "cloud|zen").Select(v => ($"flavor = \"{v}\"", v.Split('|').Any(f => f is "generic" or "generic/ubuntu"))));

    private static readonly Gen<(string Section, string Key)> Knobs = Gen.OneOf(
        Word.Array[2, 4].Select(parts => ("sysctl", "\"" + string.Join('.', parts) + "\"")),
        Gen.OneOfConst(KnobReader.ThpNames.ToArray()).Select(n => ("thp", n)),
        Gen.OneOfConst(KnobReader.CpuNames.ToArray()).Select(n => ("cpu", n)),
        Gen.Select(Gen.OneOfConst(Knob.DeviceClasses.ToArray()), Gen.OneOfConst(KnobReader.BlockNames.ToArray())).Select(b => ("block." + b.Item1, b.Item2)),
        Gen.OneOfConst(KnobReader.SchedulerNames.ToArray()).Select(n => ("scheduler", n)),
        Gen.OneOfConst("\"2048kB\"", "\"1048576kB\"").Select(k => ("hugepages", k)),
        Word.Select(w => ("cmdline", w)));

    private static readonly Gen<GeneratedSetting> Setting =
        Gen.Select(Knobs, Value, Gen.Frequency((1, Gen.Const(((string, bool)?)null)), (2, Condition.Array[1, 3]
                .Select(c => c.DistinctBy(x => x.Text.Split(' ')[0]).ToList())
                .Select(c => ((string, bool)?)(string.Join(", ", c.Select(x => x.Text)), c.All(x => x.Holds))))))
            .Select(t => new GeneratedSetting(t.Item1.Section, t.Item1.Key, t.Item2, t.Item3?.Item1, t.Item3?.Item2 ?? true));

    [Fact]
    public void Random_and_hostile_text_only_ever_fails_as_a_profile_error()
    {
        Gen.String.Sample(text => ParseOrProfileError(text), iter: 2000);

        Gen.OneOfConst("name = \"x\"", "[sysctl]", "[hugepages]", "[scheduler]", "\"2048kB\"", "\"vm.swappiness\"", "=", "\"<=10\"", "\"model\"", "\n",
                "{ value = \"model\", headroom_percent = 500 }", "{ value = 1, when = { numa_nodes = \">=2\" } }", "when = { kernel = \"<6.6\" }",
                "{ why = \"\\u0007\" }", "headroom_percent", "include = [\"base\"]", "[block.nvme]", "]", "}", "{", "\"", "'", ",", "flavor = \"rt\"", "1.5")
            .Array[0, 30].Select(parts => string.Concat(parts))
            .Sample(text => ParseOrProfileError(text), iter: 3000);
    }

    [Fact]
    public void Valid_settings_round_trip_through_text_parser_and_resolver()
    {
        var facts = HostFixtures.Facts("xeon-2numa-nvidia");
        Setting.Array[1, 12].Sample(generated =>
        {
            var settings = generated.DistinctBy(s => (s.Section, s.Key)).ToList();
            var text = "name = \"generated\"\n" + string.Concat(settings.GroupBy(s => s.Section).Select(section =>
                $"[{section.Key}]\n" + string.Concat(section.Select(s =>
                    s.When is null ? $"{s.Key} = \"{s.Value}\"\n" : $"{s.Key} = {{ value = \"{s.Value}\", when = {{ {s.When} }} }}\n"))));

            var catalog = ProfileCatalog.BuiltIn.WithUserProfiles([("generated.toml", text)]);
            var resolved = ProfileResolver.Resolve(catalog.Select("generated"), facts, null);

            Assert.Equal(settings.Count, resolved.Settings.Count);
            foreach (var (setting, result) in settings.Zip(resolved.Settings.OrderBy(r => settings.FindIndex(s => Id(s) == r.Knob.Id))))
            {
                Assert.Equal(Id(setting), result.Knob.Id);
                Assert.Equal(setting.HoldsOnXeon, result.SkipReason is null);
                if (setting.HoldsOnXeon)
                {
                    Assert.Equal(Expectation.Parse(setting.Value), result.Expectation!, ExpectationComparer.Instance);
                    Assert.Null(result.Node);
                }

                Assert.Equal("set by profile generated (generated.toml)", result.Rationale);
            }
        }, iter: 300);

        static string Id(GeneratedSetting s) => s.Section.StartsWith("block.", StringComparison.Ordinal)
            ? $"{s.Section}:{s.Key}"
            : $"{s.Section}:{s.Key.Trim('"')}";
    }

    [Fact]
    public void At_least_and_at_most_accept_exactly_the_values_on_their_side_of_the_bound()
    {
        Gen.Select(Gen.Long, Gen.Long).Sample((bound, value) =>
        {
            var text = value.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(value >= bound, Expectation.Parse(">=" + bound.ToString(CultureInfo.InvariantCulture)).IsSatisfiedBy(text));
            Assert.Equal(value <= bound, Expectation.Parse("<=" + bound.ToString(CultureInfo.InvariantCulture)).IsSatisfiedBy(text));
            Assert.Equal(value == bound, Expectation.Parse(bound.ToString(CultureInfo.InvariantCulture)).IsSatisfiedBy(text));
        }, iter: 2000);
    }

    [Fact]
    public void Alternatives_accept_each_alternative_and_nothing_else_and_target_the_first()
    {
        Gen.Select(Word.Array[1, 5], Word).Sample((options, other) =>
        {
            var expectation = Expectation.Parse(string.Join('|', options));
            Assert.All(options, o => Assert.True(expectation.IsSatisfiedBy(o)));
            Assert.Equal(options.Contains(other), expectation.IsSatisfiedBy(other));
            Assert.Equal(options[0], expectation.Target);
        }, iter: 1000);
    }

    [Fact]
    public void A_value_with_a_control_character_is_never_accepted()
    {
        Gen.Select(Word, Gen.Char[(char)0, (char)31], Word).Sample((before, control, after) =>
        {
            Assert.Null(Expectation.TryParse(before + control + after, out var error));
            Assert.NotNull(error);
        }, iter: 500);
    }

    [Fact]
    public void Numeric_ranges_agree_with_comparing_the_numbers()
    {
        Gen.Select(Gen.Int[0, 9], Gen.Int[0, 30], Gen.Int[0, 9], Gen.Int[0, 30]).Sample((aMajor, aMinor, bMajor, bMinor) =>
        {
            var bound = NumericRange.TryParse($">={bMajor}.{bMinor}", 3, out _)!;
            var upper = NumericRange.TryParse($"<{bMajor}.{bMinor}", 3, out _)!;
            int order = (aMajor, aMinor).CompareTo((bMajor, bMinor));
            Assert.Equal(order >= 0, bound.Contains([aMajor, aMinor, 0]));
            Assert.Equal(order < 0, upper.Contains([aMajor, aMinor, 5]));
        }, iter: 1000);
    }

    private static void ParseOrProfileError(string text)
    {
        try
        {
            var parsed = ProfileParser.Parse(text, "random.toml");
            Assert.All(parsed.Settings, s =>
            {
                Assert.True(KnobReader.IsKnown(s.Knob));
                Assert.True((s.Expectation is null) != (s.Model is null));
                Assert.DoesNotContain(s.Rationale, char.IsControl);
            });
        }
        catch (AiTuneException e)
        {
            Assert.StartsWith("profile random.toml", e.Message);
        }
    }

    /// <summary>Expectations compare by kind and values (the record's list compares by reference).</summary>
    private sealed class ExpectationComparer : IEqualityComparer<Expectation>
    {
        public static readonly ExpectationComparer Instance = new();

        public bool Equals(Expectation? x, Expectation? y) => x is not null && y is not null && x.Kind == y.Kind && x.Values.SequenceEqual(y.Values);

        public int GetHashCode(Expectation obj) => obj.Kind.GetHashCode();
    }
}
