using AiTune.Knobs;

namespace AiTune.Tests.Tuning.Writing;

public class KnobLocationTests
{
    [Theory]
    [InlineData("performance")]
    [InlineData("[none] mq-deadline")]
    [InlineData("1")]
    public void A_verbatim_file_holds_the_value_itself(string value)
    {
        var location = new KnobLocation("/sys/devices/system/cpu/cpufreq/policy0/scaling_governor");

        Assert.Equal(value, location.ToFile(value));
        Assert.Equal(value, location.FromFile(value));
    }

    [Theory]
    [InlineData("1", "0")]
    [InlineData("0", "1")]
    public void An_inverted_flag_negates_both_ways(string knob, string file)
    {
        var location = new KnobLocation("/sys/devices/system/cpu/intel_pstate/no_turbo", KnobValueMapping.InvertedFlag);

        Assert.Equal(file, location.ToFile(knob));
        Assert.Equal(knob, location.FromFile(file));
    }

    [Theory]
    [InlineData("2")]
    [InlineData("on")]
    [InlineData("")]
    public void An_inverted_flag_refuses_to_write_anything_but_0_or_1(string value)
    {
        var location = new KnobLocation("/sys/devices/system/cpu/intel_pstate/no_turbo", KnobValueMapping.InvertedFlag);

        var error = Assert.Throws<AiTuneException>(() => location.ToFile(value));
        Assert.Contains("negation of a 0/1 flag", error.Message);
    }

    [Fact]
    public void An_inverted_file_with_an_unexpected_content_reads_as_it_is()
    {
        var location = new KnobLocation("/sys/devices/system/cpu/intel_pstate/no_turbo", KnobValueMapping.InvertedFlag);

        Assert.Equal("garbage", location.FromFile("garbage"));
    }
}
