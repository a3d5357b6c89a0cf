using AiTune.Cli.Rendering;
using Spectre.Console;

namespace AiTune.IntegrationTests;

/// <summary>The layout helpers every text renderer shares, on the console the CLI creates, at a forced width.</summary>
public class ConsoleLayoutTests
{
    private static (IAnsiConsole Console, StringWriter Output) Console(int width)
    {
        var output = new StringWriter();
        var console = ConsoleFactory.Create(output, noColor: true);
        console.Profile.Width = width;
        return (console, output);
    }

    [Theory]
    [InlineData("a  \nb\t\n", "a\nb\n")]
    [InlineData("a  b\n", "a  b\n")]
    [InlineData("end   ", "end")]
    [InlineData("x\r\n  \r\n", "x\r\n\r\n")]
    [InlineData("cell  \u001b[0m  \nnext", "cell\u001b[0m\nnext")]
    [InlineData("\u001b[1mbold\u001b[0m \u001b[2mdim\u001b[0m\n", "\u001b[1mbold\u001b[0m \u001b[2mdim\u001b[0m\n")]
    public void Blanks_at_the_end_of_a_line_are_dropped_and_colour_codes_kept(string written, string expected)
    {
        var output = new StringWriter();
        using var writer = new TrailingSpaceTrimmingWriter(output);

        foreach (var piece in written.Chunk(3))
        {
            writer.Write(new string(piece));
        }

        writer.Flush();
        Assert.Equal(expected, output.ToString());
    }

    [Fact]
    public void A_table_that_fits_keeps_its_values_whole_and_wraps_only_the_prose()
    {
        var (console, output) = Console(70);
        new ValueTable().Column("knob", ValueColumnRole.Heading).Column("value", ValueColumnRole.Detail).Column("why", ValueColumnRole.Prose)
            .Row("sysctl:vm.swappiness", "10", "keeps anonymous memory resident under page-cache pressure")
            .Write(console);

        Assert.Equal(
            """

              knob                   value   why
            ──────────────────────────────────────────────────────────────────────
              sysctl:vm.swappiness   10      keeps anonymous memory resident
                                             under page-cache pressure


            """.Replace("\r\n", "\n", StringComparison.Ordinal), output.ToString());
    }

    [Fact]
    public void A_table_whose_values_leave_no_room_for_prose_becomes_blocks()
    {
        var (console, output) = Console(60);
        new ValueTable().Column("action", ValueColumnRole.Heading).Column("knob", ValueColumnRole.Heading)
            .Column("current", ValueColumnRole.Detail).Column("target", ValueColumnRole.Detail).Column("why", ValueColumnRole.Prose)
            .Row("set", "cpu:energy_performance_preference@policy11", "balance_performance", "performance", "EPP biases the hardware's own frequency choice")
            .Write(console);

        Assert.Equal(
            """
              set     cpu:energy_performance_preference@policy11
                      current: balance_performance  target: performance
                      why: EPP biases the hardware's own frequency
                           choice

            """.Replace("\r\n", "\n", StringComparison.Ordinal), output.ToString());
    }

    [Fact]
    public void A_value_with_a_word_too_long_to_sit_beside_its_label_goes_under_it()
    {
        var (console, output) = Console(50);
        new FieldBlock(2, 8).Add("fix:", "echo 1 > /sys/devices/system/cpu/cpufreq/policy0/boost").Add("why:", "short").Write(console);

        Assert.Equal(
            """
              fix:
                echo 1 >
                /sys/devices/system/cpu/cpufreq/policy0/boost
              why:     short

            """.Replace("\r\n", "\n", StringComparison.Ordinal), output.ToString());
    }
}
