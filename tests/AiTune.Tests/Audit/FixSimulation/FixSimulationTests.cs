using AiTune.Audit;
using AiTune.Profiles;
using AiTune.Tests.Support;

namespace AiTune.Tests.Audit.FixSimulation;

/// <summary>Every runtime fix of every finding, on every host fixture and every profile, run on a copy of the tree.</summary>
public class FixSimulationTests
{
    private static IReadOnlyList<ProfileSelection> Selections =>
        [.. ProfileCatalog.BuiltIn.Selectable.Select(p => ProfileCatalog.BuiltIn.Select(p.Name)), ProfileCatalog.BuiltIn.Select("inference-throughput+hardened")];

    public static TheoryData<string> Fixtures() => new(FixturePaths.AllHosts());

    /// <summary>One simulation of every fixture, shared by the tests that read it (each fix is run once).</summary>
    private static readonly Lazy<IReadOnlyDictionary<string, FixtureOutcome>> Outcomes = new(() =>
        FixturePaths.AllHosts().ToDictionary(fixture => fixture, Simulate));

    private sealed record FixtureOutcome(List<string> Problems, HashSet<string> Simulated, HashSet<string> NotSimulated);

    private static FixtureOutcome Simulate(string fixture)
    {
        var simulator = new FixSimulator(FixturePaths.Host(fixture));
        var outcome = new FixtureOutcome([], [], []);
        foreach (var selection in Selections)
        {
            var before = AuditEngine.Evaluate(simulator.Original, selection, null);
            foreach (var finding in before.Where(f => f.Fix?.Runtime is not null && f.Status is FindingStatus.Fail or FindingStatus.Warn))
            {
                var problems = simulator.Check(selection, finding, before, out var why);
                if (problems is null)
                {
                    outcome.NotSimulated.Add($"{finding.Id}: {why}");
                    continue;
                }

                outcome.Simulated.Add(finding.Id);
                outcome.Problems.AddRange(problems.Except(outcome.Problems));
            }
        }

        return outcome;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_runtime_fix_turns_its_finding_to_pass_and_changes_nothing_that_already_passes(string fixture)
    {
        var problems = Outcomes.Value[fixture].Problems;

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_simulation_covers_the_file_writing_fixes_of_every_knob_kind_on_the_fixtures()
    {
        var simulated = Outcomes.Value.Values.SelectMany(o => o.Simulated).ToHashSet();
        var skipped = Outcomes.Value.Values.SelectMany(o => o.NotSimulated).ToHashSet();

        // Plain and multi-value sysctls (MEM009, NET010), the governor through a glob (CPU002), the preemption switch in
        // debugfs (KRN003), a block queue attribute through /sys/block's links (STO004).
        string[] expected = ["MEM009", "MEM010", "NET002", "NET010", "CPU002", "KRN003", "STO004", "SEC005"];
        Assert.True(expected.All(simulated.Contains), $"simulated: {string.Join(", ", simulated.Order())}; not simulated: {string.Join("; ", skipped.Order())}");
        Assert.True(simulated.Count >= 25, $"only {simulated.Count} fixes simulated: {string.Join(", ", simulated)}");
        Assert.All(skipped, s => Assert.DoesNotContain("sysctl -w", s));
    }

    [Fact]
    public void A_fix_that_rewrites_a_passing_maximum_is_caught()
    {
        // this-vm: tcp_rmem's maximum (32 MiB) passes NET010, tcp_wmem's (4 MiB) does not. A fix that writes both
        // at 16 MiB would lower the passing one: the simulation must say so.
        var simulator = new FixSimulator(FixturePaths.Host("this-vm"));
        var selection = ProfileCatalog.BuiltIn.Select("inference-throughput");
        var before = AuditEngine.Evaluate(simulator.Original, selection, null);
        var real = before.Single(f => f.Id == "NET010");
        var careless = real with
        {
            Fix = new Fix("sysctl -w net.ipv4.tcp_rmem=\"4096 131072 16777216\" net.ipv4.tcp_wmem=\"4096 16384 16777216\"", null),
        };

        var problems = simulator.Check(selection, careless, before, out _)!;

        Assert.Equal(FindingStatus.Warn, real.Status);
        Assert.Equal("sysctl -w net.ipv4.tcp_wmem=\"4096 16384 16777216\"", real.Fix!.Runtime);
        Assert.Empty(simulator.Check(selection, real, before, out _)!);
        var problem = Assert.Single(problems);
        Assert.Contains("writes 4096 131072 16777216 to /proc/sys/net/ipv4/tcp_rmem though the finding passes without it", problem);
    }

    [Fact]
    public void A_fix_that_leaves_its_finding_failing_or_breaks_a_passing_one_is_caught()
    {
        var simulator = new FixSimulator(FixturePaths.Host("this-vm"));
        var selection = ProfileCatalog.BuiltIn.Select("inference-throughput");
        var before = AuditEngine.Evaluate(simulator.Original, selection, null);
        var swappiness = before.Single(f => f.Id == "MEM009");

        var tooLittle = simulator.Check(selection, swappiness with { Fix = new Fix("sysctl -w vm.swappiness=30", null) }, before, out _)!;
        var harmful = simulator.Check(selection, swappiness with { Fix = new Fix("sysctl -w vm.swappiness=10 net.core.somaxconn=128", null) }, before, out _)!;
        var refused = simulator.Check(selection, swappiness with { Fix = new Fix("echo teleport > /sys/kernel/mm/transparent_hugepage/enabled", null) }, before, out _)!;

        Assert.Contains(tooLittle, p => p.Contains("after it MEM009 is Fail"));
        Assert.Contains(harmful, p => p.Contains("turns NET001 from pass (4096) to Fail"));
        Assert.Contains(refused, p => p.Contains("the kernel would refuse it"));
    }
}
