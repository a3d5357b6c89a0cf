using AiTune.Tuning.Knobs;

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
}
