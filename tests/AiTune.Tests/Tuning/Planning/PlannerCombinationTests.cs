using AiTune.Audit;
using AiTune.Facts;
using AiTune.Inspection;
using AiTune.Knobs;
using AiTune.Profiles;
using AiTune.Tests.Profiles;
using AiTune.Tuning.Planning;

namespace AiTune.Tests.Tuning.Planning;

/// <summary>The plan of a combination a+b: one value for settings that one value satisfies, nothing from a setting
/// skipped here, a refusal for a contradiction, and the same conflicts as the audit names; and the one huge pages
/// guard.</summary>
public class PlannerCombinationTests
{
    /// <summary>kvm-hardened: one NUMA node, swappiness 180, no huge pages, 16370580 kB of memory.</summary>
    private static readonly HostFacts Kvm = HostFixtures.Facts("kvm-hardened");

    private static (ProfileCatalog Catalog, ProfileSelection Selection) Combination(string a, string b)
    {
        var catalog = ProfileCatalog.BuiltIn.WithUserProfiles([("a.toml", "name = \"a\"\n" + a), ("b.toml", "name = \"b\"\n" + b)]);
        return (catalog, catalog.Select("a+b"));
    }

    private static TuningPlan Plan(ProfileSelection selection, HostFacts? facts = null, PlanOptions? options = null, ModelRequirement? model = null) =>
        Planner.Plan(facts ?? Kvm, ProfileResolver.Resolve(selection, facts ?? Kvm, model, (options ?? new PlanOptions()).MaxHugePagesShare), model, options ?? new PlanOptions());

    [Fact]
    public void A_setting_skipped_here_conflicts_with_nothing_and_the_other_is_planned()
    {
        var (_, selection) = Combination("[sysctl]\n\"vm.swappiness\" = { value = \"0\", when = { numa_nodes = \">=2\" } }\n", "[sysctl]\n\"vm.swappiness\" = \"<=10\"\n");

        var change = Assert.Single(Plan(selection).Changes);

        Assert.Equal((PlanAction.Set, "10", "b"), (change.Action, change.Target, change.Profile));
    }

    [Theory]
    [InlineData(">=4", "<=8", "180", "8")]
    [InlineData(">=4", "<=8", "1", "4")]
    [InlineData(">=10", ">=20", "1", "20")]
    [InlineData("<=100", "10|60|200", "180", "10")]
    public void Settings_one_value_satisfies_are_planned_with_that_value(string a, string b, string current, string target)
    {
        var facts = Kvm with
        {
            Sysctls = Kvm.Sysctls with { Runtime = new Dictionary<string, Fact<string>>(Kvm.Sysctls.Runtime) { ["vm.swappiness"] = current } },
        };
        var (_, selection) = Combination($"[sysctl]\n\"vm.swappiness\" = \"{a}\"\n", $"[sysctl]\n\"vm.swappiness\" = \"{b}\"\n");

        var change = Assert.Single(Plan(selection, facts).Changes);

        Assert.Equal((PlanAction.Set, target, "a+b"), (change.Action, change.Target, change.Profile));
        Assert.Empty(Plan(selection, facts).ProfileConflicts);
    }

    [Fact]
    public void The_plan_and_the_audit_name_the_same_conflicts_from_one_function()
    {
        var (catalog, selection) = Combination(
            "workload = \"inference\"\n[sysctl]\n\"vm.swappiness\" = \"0\"\n[thp]\nenabled = \"madvise\"\n",
            "workload = \"training\"\n[sysctl]\n\"vm.swappiness\" = \">=10\"\n[thp]\nenabled = \"always|madvise\"\n");

        var plan = Plan(selection);
        var audit = AuditEngine.Run(Kvm, selection, null, catalog, "test");

        Assert.Equal(["workload: inference vs training", "sysctl:vm.swappiness: a wants 0; b wants >= 10"], plan.ProfileConflicts);
        Assert.Equal(plan.ProfileConflicts, audit.ProfileConflicts);
        Assert.Equal(PlanAction.Refused, plan.Changes.Single(c => c.Knob == Knob.Sysctl("vm.swappiness")).Action);
        Assert.Equal(PlanAction.Unchanged, plan.Changes.Single(c => c.Knob == Knob.Thp("enabled")).Action);
        var thp = audit.Findings.Single(f => f.Id == "MEM004");
        Assert.Equal("madvise", thp.Expected);
        Assert.Equal("a wants madvise; b wants always or madvise: madvise satisfies them all", thp.Note);
        var swappiness = audit.Findings.Single(f => f.Id == "MEM009");
        Assert.StartsWith("the selected profiles disagree: a wants 0; b wants >= 10", swappiness.Note);
    }

    /// <summary>6795 pages of 2 MiB are 85% of kvm-hardened's memory.</summary>
    [Fact]
    public void The_huge_pages_share_is_one_guard_for_model_sized_pools()
    {
        var catalog = ProfileCatalog.BuiltIn.WithUserProfiles([("pool.toml", "name = \"pool\"\n[hugepages]\n\"2048kB\" = { value = \"model\", headroom_percent = 0 }\n")]);
        var model = new ModelRequirement("--model-size", 6795L << 21);

        var allowed = Assert.Single(Plan(catalog.Select("pool"), options: new PlanOptions(MaxHugePagesShare: 0.9), model: model).Changes);
        var refused = Assert.Single(Plan(catalog.Select("pool"), model: model).Changes);

        Assert.Equal((PlanAction.Set, "6795"), (allowed.Action, allowed.Target));
        Assert.Equal(PlanAction.Refused, refused.Action);
        Assert.Contains("(85% of MemTotal, 15.6 GiB), over the 80% that --max-hugepages-share allows", refused.Reason);

        // The audit judges by the same guard: it does not advise reserving what the plan refuses.
        var finding = AuditEngine.Evaluate(Kvm, catalog.Select("pool"), model).Single(f => f.Id == "MEM002");
        Assert.Equal(FindingStatus.Warn, finding.Status);
        Assert.Null(finding.Fix);
        Assert.Equal("aitune plan refuses it: " + refused.Reason, finding.Note);
    }
}
