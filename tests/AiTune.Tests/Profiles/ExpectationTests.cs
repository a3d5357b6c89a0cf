using AiTune.Knobs;

namespace AiTune.Tests.Profiles;

public class ExpectationTests
{
    [Theory]
    [InlineData("<=10", "10", true)]
    [InlineData("<=10", "60", false)]
    [InlineData(">=4096", "4096", true)]
    [InlineData(">=4096", "1024", false)]
    [InlineData(">=4096", "not a number", false)]
    [InlineData("none|mq-deadline", "mq-deadline", true)]
    [InlineData("none|mq-deadline", "bfq", false)]
    [InlineData("performance", "performance", true)]
    [InlineData("0", "00", true)]
    [InlineData("4096 131072", "4096   131072", true)]
    public void Matches_values(string expectation, string current, bool satisfied) =>
        Assert.Equal(satisfied, Expectation.Parse(expectation).IsSatisfiedBy(current));

    [Theory]
    [InlineData("<=10", "10")]
    [InlineData("madvise|always", "madvise")]
    [InlineData(">= 5", "5")]
    public void The_target_is_the_bound_or_the_first_alternative(string expectation, string target) =>
        Assert.Equal(target, Expectation.Parse(expectation).Target);

    [Theory]
    [InlineData("", "empty")]
    [InlineData("10\nkernel.modprobe = /tmp/x", "control character")]
    [InlineData(">=ten", "integer")]
    [InlineData("a||b", "alternative is empty")]
    public void Invalid_values_are_refused_with_a_reason(string text, string reason)
    {
        Assert.Null(Expectation.TryParse(text, out var error));
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData("madvise", "always|madvise", "madvise")]
    [InlineData("always|madvise", "madvise", "madvise")]
    [InlineData("defer+madvise|madvise|defer", "defer+madvise|madvise", "defer+madvise or madvise")]
    [InlineData(">=10", ">=20", ">= 20")]
    [InlineData("<=10", "<=30", "<= 10")]
    [InlineData(">=4", "<=8", ">= 4 and <= 8")]
    [InlineData(">=8", "<=8", "8")]
    [InlineData("0", "<=10", "0")]
    [InlineData("5|50|500", ">=10", "50 or 500")]
    [InlineData("00", "0", "00")]
    public void Expectations_one_value_satisfies_together_combine(string a, string b, string together)
    {
        var combined = Expectation.Parse(a).Intersect(Expectation.Parse(b));

        Assert.Equal(together, combined!.ToString());
        // The other way round the same values pass (where both list values, the first's order of preference leads).
        var reverse = Expectation.Parse(b).Intersect(Expectation.Parse(a))!;
        Assert.All(new[] { "0", "4", "8", "10", "20", "50", "madvise", "always", "defer+madvise" }, v => Assert.Equal(combined.IsSatisfiedBy(v), reverse.IsSatisfiedBy(v)));
    }

    [Theory]
    [InlineData("never", "always")]
    [InlineData("0", ">=10")]
    [InlineData(">=20", "<=10")]
    [InlineData("none|mq-deadline", "bfq|kyber")]
    [InlineData("performance", ">=1")]
    public void Contradicting_expectations_do_not_combine(string a, string b)
    {
        Assert.Null(Expectation.Parse(a).Intersect(Expectation.Parse(b)));
        Assert.Null(Expectation.Parse(b).Intersect(Expectation.Parse(a)));
    }

    [Fact]
    public void A_combined_range_is_satisfied_only_inside_its_bounds()
    {
        var range = Expectation.Parse(">=4").Intersect(Expectation.Parse("<=8"))!;

        Assert.Equal(ExpectationKind.Between, range.Kind);
        Assert.Equal([false, true, true, false], new[] { "3", "4", "8", "9" }.Select(range.IsSatisfiedBy));
    }

    [Theory]
    [InlineData(">= 4096", ">=4096")]
    [InlineData("<=10", "<=10")]
    [InlineData("none | mq-deadline", "none|mq-deadline")]
    [InlineData("4096   131072", "4096 131072")]
    public void The_notation_reads_back_as_the_same_expectation(string text, string notation)
    {
        var expectation = Expectation.Parse(text);

        Assert.Equal(notation, expectation.Notation);
        Assert.Equal(expectation, Expectation.Parse(expectation.Notation));
    }
}
