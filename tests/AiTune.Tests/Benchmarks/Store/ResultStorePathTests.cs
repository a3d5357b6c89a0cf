using AiTune.Benchmarks.Store;

namespace AiTune.Tests.Benchmarks.Store;

public class ResultStorePathTests
{
    [Fact]
    public void Root_keeps_results_in_the_state_directory_whatever_its_environment()
    {
        Assert.Equal("/var/lib/aitune/results.db", ResultStorePath.Default(0, "/home/ada/.data", "/root"));
        Assert.Equal("/var/lib/aitune/results.db", ResultStorePath.Default(0, null, null));
    }

    [Fact]
    public void A_user_gets_the_xdg_data_directory()
    {
        Assert.Equal("/home/ada/.data/aitune/results.db", ResultStorePath.Default(1000, "/home/ada/.data", "/home/ada"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("relative/data")]
    public void Without_an_absolute_xdg_data_home_a_user_gets_the_specifications_default(string? xdgDataHome)
    {
        Assert.Equal("/home/ada/.local/share/aitune/results.db", ResultStorePath.Default(1000, xdgDataHome, "/home/ada"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("home")]
    public void Without_a_home_a_user_is_asked_for_db(string? home)
    {
        var error = Assert.Throws<AiTuneException>(() => ResultStorePath.Default(1000, null, home));
        Assert.Contains("--db", error.Hint);
    }
}
