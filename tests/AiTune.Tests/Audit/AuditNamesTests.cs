using System.Text.Json;
using AiTune.Audit;
using AiTune.Profiles;

namespace AiTune.Tests.Audit;

/// <summary>The names written without enum reflection are the enum's members, spelt as the JSON converter spells
/// them: a member added to an enum fails here until it has its name.</summary>
public sealed class AuditNamesTests
{
    [Fact]
    public void Statuses_are_every_member_in_order_with_the_converters_names()
    {
        Assert.Equal(Enum.GetValues<FindingStatus>(), AuditNames.Statuses);
        Assert.All(Enum.GetValues<FindingStatus>(), s => Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(s.ToString()), AuditNames.Of(s)));
        Assert.Equal("notApplicable", AuditNames.Of(FindingStatus.NotApplicable));
    }

    [Fact]
    public void Categories_have_the_converters_names()
    {
        Assert.All(Enum.GetValues<Category>(), c => Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(c.ToString()), AuditNames.Of(c)));
    }

    [Fact]
    public void Severities_are_every_member_least_first_and_parse_back_in_any_case()
    {
        Assert.Equal(Enum.GetValues<Severity>(), SeverityNames.All);
        foreach (var severity in Enum.GetValues<Severity>())
        {
            var name = SeverityNames.Of(severity);
            Assert.Equal(severity.ToString().ToLowerInvariant(), name);
            Assert.True(SeverityNames.TryParse(name.ToUpperInvariant(), out var parsed));
            Assert.Equal(severity, parsed);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("3")]
    [InlineData("low,high")]
    [InlineData("severe")]
    public void Anything_else_is_no_severity(string text) => Assert.False(SeverityNames.TryParse(text, out _));
}
