namespace AiTune.Tests.Architecture;

/// <summary>Dependencies run one way, down the order in docs/ARCHITECTURE.md ("Layers"); this keeps them so.</summary>
public class LayeringTests
{
    private static readonly Lazy<string> RepositoryRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiTune.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("AiTune.slnx not found above " + AppContext.BaseDirectory);
    });

    [Fact]
    public void No_source_file_uses_a_layer_above_or_beside_its_own_beyond_the_known_list()
    {
        var known = LayerOrder.KnownViolations.Select(k => (k.File, k.Uses)).ToHashSet();
        var unexpected = LayerChecker.Check(Sources())
            .Where(v => !known.Contains((v.File, v.Uses)))
            .Select(v => v.ToString())
            .ToList();

        Assert.True(unexpected.Count == 0, "dependencies against the layer order:\n" + string.Join('\n', unexpected));
    }

    [Fact]
    public void Every_known_violation_still_occurs_so_the_list_only_shrinks()
    {
        var found = LayerChecker.Check(Sources()).Select(v => (v.File, v.Uses)).ToHashSet();
        var gone = LayerOrder.KnownViolations.Where(k => !found.Contains((k.File, k.Uses)))
            .Select(k => $"{k.File} no longer uses {k.Uses}: remove it from LayerOrder.KnownViolations")
            .ToList();

        Assert.True(gone.Count == 0, string.Join('\n', gone));
    }

    [Fact]
    public void Every_layer_folder_of_the_engine_is_placed_in_the_order()
    {
        var folders = Directory.EnumerateDirectories(Path.Combine(RepositoryRoot.Value, "src", "AiTune"))
            .Select(Path.GetFileName)
            .Where(name => name is not ("bin" or "obj"))
            .Where(name => LayerOrder.TierOf(name!) is null)
            .ToList();

        Assert.Empty(folders);
    }

    [Fact]
    public void The_sources_are_found()
    {
        var layers = Sources().Select(s => LayerChecker.LayerOfFile(s.Text)).ToHashSet();

        Assert.Contains("Hosting", layers);
        Assert.Contains("Cli", layers);
        Assert.Contains("", layers);
    }

    [Fact]
    public void A_lower_layer_using_a_higher_one_is_reported_with_file_and_line()
    {
        var violations = LayerChecker.Check(
        [
            ("src/AiTune/Hosting/Bad.cs", "using AiTune.Facts;\nusing AiTune.Inspection;\n\nnamespace AiTune.Hosting;\n"),
            ("src/AiTune/Inspection/Good.cs", "using AiTune.Hosting;\n\nnamespace AiTune.Inspection.Memory;\n"),
        ]);

        var violation = Assert.Single(violations);
        Assert.Equal(new LayerViolation("src/AiTune/Hosting/Bad.cs", "Hosting", "Inspection", "using AiTune.Inspection;"), violation);
    }

    [Fact]
    public void Features_beside_each_other_may_not_use_each_other()
    {
        var violations = LayerChecker.Check(
        [
            ("src/AiTune/Benchmarks/X.cs", "using AiTune.Audit;\nnamespace AiTune.Benchmarks.Store;\n"),
            ("src/AiTune/Audit/Y.cs", "namespace AiTune.Audit;\nclass Y { object Z => AiTune.Tuning.Planning.Planner.Plan(); }\n"),
        ]);

        Assert.Equal(
            [
                "src/AiTune/Benchmarks/X.cs: Benchmarks uses Audit (using AiTune.Audit;)",
                "src/AiTune/Audit/Y.cs: Audit uses Tuning (class Y { object Z => AiTune.Tuning.Planning.Planner.Plan(); })",
            ],
            violations.Select(v => v.ToString()));
    }

    [Fact]
    public void A_name_qualified_from_an_enclosing_namespace_counts_and_member_access_and_strings_do_not()
    {
        var violations = LayerChecker.Check(
        [
            ("src/AiTune/Benchmarks/Z.cs",
                "namespace AiTune.Benchmarks;\nclass Z\n{\n    object A => Audit.AuditEngine.Run();\n    string B => \"Audit.Thing\";\n    object C => facts.Audit.X;\n    object D => Statistics.RankSumTest.Run();\n}\n"),
        ]);

        Assert.Equal(["src/AiTune/Benchmarks/Z.cs: Benchmarks uses Audit (object A => Audit.AuditEngine.Run();)"], violations.Select(v => v.ToString()));
    }

    [Fact]
    public void Static_and_alias_usings_count_and_comments_do_not()
    {
        var violations = LayerChecker.Check(
        [
            ("a.cs", "using static AiTune.Services.X;\nnamespace AiTune.Knobs;\n"),
            ("b.cs", "using Plan = AiTune.Tuning.Planning.TuningPlan;\nnamespace AiTune.Profiles;\n"),
            ("c.cs", "namespace AiTune.Units;\n/// <see cref=\"AiTune.Cli.Program\"/>\n// AiTune.Cli.Program\n"),
            ("d.cs", "using AiTune.Somewhere;\nnamespace AiTune.Units;\n"),
        ]);

        Assert.Equal(["a.cs", "b.cs", "d.cs"], violations.Select(v => v.File));
    }

    private static IEnumerable<(string Path, string Text)> Sources() =>
        new[] { "src/AiTune", "src/AiTune.Cli" }
            .SelectMany(dir => Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Value, dir), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
            .Select(f => (Path.GetRelativePath(RepositoryRoot.Value, f), File.ReadAllText(f)));
}
