using System.Text.RegularExpressions;
using AiTune.Audit;
using AiTune.Profiles;

namespace AiTune.Tests.Audit;

public class RuleCatalogueTests
{
    [Fact]
    public void The_catalogue_has_at_least_fifty_rules_with_unique_stable_ids()
    {
        var ids = RuleCatalogue.All.Select(r => r.Id).ToList();

        Assert.True(ids.Count >= 50, $"{ids.Count} rules");
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches(new Regex("^(KRN|MEM|CPU|STO|NET|GPU|CGR|SEC)[0-9]{3}$"), id));
    }

    [Fact]
    public void Every_rule_explains_itself_and_names_a_source()
    {
        Assert.All(RuleCatalogue.All, rule =>
        {
            Assert.True(rule.Why.Length >= 60, rule.Id + ": why is too short");
            Assert.False(string.IsNullOrWhiteSpace(rule.Title));
            Assert.False(string.IsNullOrWhiteSpace(rule.Source));
        });
    }

    [Fact]
    public void Every_knob_rationale_is_stated_by_exactly_one_knob_rule()
    {
        // A rationale no rule states would explain a profile setting that the audit never judges; a knob rule
        // without one fails as the catalogue loads.
        var ruled = RuleCatalogue.All.Where(r => r.Knob is not null).ToList();

        Assert.All(KnobRationales.Knobs, knob => Assert.Single(ruled, r => r.Knob == knob));
        Assert.Equal(ruled.Count, KnobRationales.Knobs.Count());
    }

    [Fact]
    public void Every_category_has_rules() =>
        Assert.Equal(Enum.GetValues<Category>().Order(), RuleCatalogue.All.Select(r => r.Category).Distinct().Order());

    [Theory]
    [InlineData(new[] { "pass:high", "fail:high" }, 50)]
    [InlineData(new[] { "pass:critical", "warn:low", "notApplicable:high", "unknown:high", "pass:info" }, 95)]
    [InlineData(new string[0], 100)]
    public void The_score_weighs_findings_by_severity(string[] findings, int expected)
    {
        var list = findings.Select(f => f.Split(':')).Select(p => new Finding("X", "t", Category.Kernel,
            Enum.Parse<Severity>(p[1], true), Enum.Parse<FindingStatus>(p[0], true), "", "", "", null, null, [])).ToList();

        Assert.Equal(expected, Scoring.Score(list));
    }
}
