using AiTune.Lab.Configs;

namespace AiTune.Tests.Lab.Configs;

public class ConfigConceptCatalogueTests
{
    [Fact]
    public void Every_concept_has_a_unique_id_and_a_meaning_for_every_value()
    {
        var all = ConfigConceptCatalogue.All;

        Assert.Equal(all.Count, all.Select(c => c.Id).Distinct().Count());
        foreach (var concept in all)
        {
            switch (concept.Reader)
            {
                case StateReader states:
                    Assert.All(states.States, s => Assert.False(string.IsNullOrWhiteSpace(s.Meaning), concept.Id));
                    // The last state is the fallback, so every config has a value.
                    Assert.Empty(states.States[^1].When);
                    Assert.Equal(states.States.Count, states.States.Select(s => s.Value).Distinct().Count());
                    break;
                case PreemptionReader preemption:
                    Assert.Equal(5, preemption.Meanings.Count);
                    break;
            }
        }
    }

    [Fact]
    public void A_config_without_any_option_reads_every_concept_as_absent_or_its_fallback()
    {
        var empty = new Dictionary<string, string>();

        foreach (var concept in ConfigConceptCatalogue.All)
        {
            var reading = concept.Reader.Read(empty);
            Assert.Equal(ConfigOption.Absent, reading.Shown);
            Assert.False(string.IsNullOrWhiteSpace(reading.Meaning), concept.Id);
        }
    }

    [Fact]
    public void A_former_name_is_read_when_the_new_one_is_absent_and_the_new_one_wins_when_both_are_there()
    {
        var option = new ConfigOption("MITIGATION_RETPOLINE", ["RETPOLINE"]);

        Assert.Equal(("y", "RETPOLINE"), option.Read(new Dictionary<string, string> { ["CONFIG_RETPOLINE"] = "y" }));
        Assert.Equal(("n", "MITIGATION_RETPOLINE"), option.Read(new Dictionary<string, string> { ["CONFIG_RETPOLINE"] = "y", ["CONFIG_MITIGATION_RETPOLINE"] = "n" }));
        Assert.Equal(("-", null), option.Read(new Dictionary<string, string>()));
    }
}
