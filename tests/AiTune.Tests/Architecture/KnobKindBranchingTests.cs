using System.Text.RegularExpressions;

namespace AiTune.Tests.Architecture;

/// <summary>Code outside the descriptors asks a knob's descriptor (Knobs/Kinds) instead of branching on its kind:
/// a new kind is then one new file, and nothing elsewhere silently falls into a default arm.</summary>
public partial class KnobKindBranchingTests
{
    private const string DescriptorFolder = "src/AiTune/Knobs/Kinds/";

    [Fact]
    public void No_source_outside_the_descriptors_switches_on_or_compares_a_knob_kind()
    {
        var branches = Sources()
            .Where(s => !s.Path.Replace('\\', '/').StartsWith(DescriptorFolder, StringComparison.Ordinal))
            .SelectMany(s => Branches(s.Path, s.Text))
            .ToList();

        Assert.True(branches.Count == 0, "branches on KnobKind outside " + DescriptorFolder + " (ask KnobKinds.Of(knob) instead):\n" + string.Join('\n', branches));
    }

    [Fact]
    public void The_scan_sees_switch_arms_cases_comparisons_and_patterns_but_not_construction()
    {
        const string Text = """
            var a = knob.Kind switch { KnobKind.Sysctl => 1, _ => 0 };
            case KnobKind.Block:
            if (knob.Kind == KnobKind.Cmdline) { }
            if (KnobKind.Thp != knob.Kind) { }
            if (knob.Kind is KnobKind.Cpu or KnobKind.Scheduler) { }
            if (knob.Kind is not Knobs.KnobKind.HugePages) { }
            public static Knob Sysctl(string key) => new(KnobKind.Sysctl, key);
            var kinds = new[] { KnobKind.Thp };
            """;

        var lines = Branches("x.cs", Text).Select(b => b[..b.IndexOf(':', 5)]).ToList();

        Assert.Equal(["x.cs:1", "x.cs:2", "x.cs:3", "x.cs:4", "x.cs:5", "x.cs:6"], lines);
    }

    [Fact]
    public void The_sources_are_found_and_the_descriptors_are_among_them()
    {
        var paths = Sources().Select(s => s.Path.Replace('\\', '/')).ToList();

        Assert.Contains("src/AiTune/Knobs/Kinds/SysctlKind.cs", paths);
        Assert.Contains("src/AiTune/Tuning/Planning/Planner.cs", paths);
    }

    private static IEnumerable<string> Branches(string path, string text) =>
        text.Split('\n').Select((line, i) => (Line: line, Number: i + 1))
            .Where(l => Branch().IsMatch(l.Line))
            .Select(l => $"{path}:{l.Number}: {l.Line.Trim()}");

    // A case label, a switch arm ("KnobKind.X =>" or "KnobKind.X when"), == or != on either side, and is / is not /
    // or patterns. Construction (new(KnobKind.Sysctl, key)) and the enum's own declaration are not branches.
    [GeneratedRegex(@"case\s+(\w+\.)*KnobKind\.|(\w+\.)*KnobKind\.\w+\s*(=>|when\b|[=!]=)|[=!]=\s*(\w+\.)*KnobKind\.|\b(is|not|or|and)\s+(\w+\.)*KnobKind\.", RegexOptions.CultureInvariant)]
    private static partial Regex Branch();

    private static IEnumerable<(string Path, string Text)> Sources()
    {
        var root = RepositoryRoot();
        return new[] { "src/AiTune", "src/AiTune.Cli" }
            .SelectMany(dir => Directory.EnumerateFiles(Path.Combine(root, dir), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
            .Select(f => (Path.GetRelativePath(root, f), File.ReadAllText(f)));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiTune.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("AiTune.slnx not found above " + AppContext.BaseDirectory);
    }
}
