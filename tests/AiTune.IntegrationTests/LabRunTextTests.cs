using AiTune.Cli.Rendering;
using AiTune.Lab.Qemu;
using AiTune.Serialization;
using AiTune.Services.Lab;

namespace AiTune.IntegrationTests;

/// <summary>`aitune lab run`'s text: every line fits an 80-column terminal, and no sentence loses a word to it.</summary>
public class LabRunTextTests
{
    private static readonly LabRunDocument Document = new(
        LabRunDocument.CurrentSchemaVersion,
        "instructions",
        LabRunDocument.MeaningOf(LabMeasure.Instructions),
        "tcg",
        1,
        2048,
        "7.2.22 (Debian 1:7.2+dfsg-7+deb12u18)",
        3,
        [
            new LabKernel("A", "6.1.0-57-amd64", "generic/debian", "voluntary", "a.deb", "aa", Baseline: true),
            new LabKernel("B", "6.1.0-57-rt-amd64", "rt", "rt", "b.deb", "bb", Baseline: false),
        ],
        [
            Boot("A", 1, 1001), Boot("B", 1, 1002), Boot("B", 2, 1003) with { Busy = "load average 7.9 on 2 CPUs, 3.1 s of CPU time by other processes during the boot" },
            Boot("A", 2, null) with { Failure = "the guest did not power off within 300 s (watchdog): its last console lines follow", ConsoleTail = ["[    0.000000] Linux version 6.1.0-57-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40)"] },
            Boot("A", 3, 1005), Boot("B", 3, 1006),
        ],
        [
            Verdict("kernel/unix round trip", "regressed", 22372, 44690),
            Verdict("kernel/pipe round trip", "regressed", 13456, 18389),
            Verdict("kernel/syscall", "noSignificantChange", 331, 331),
        ],
        new KernelDiffDocument(KernelDiffDocument.CurrentSchemaVersion, [], [
            Difference("Preemption model", "voluntary", "rt (PREEMPT_RT: every spinlock a sleeping lock)"),
            Difference("Timer frequency", "250 Hz", "1000 Hz"),
            Difference("Transparent huge pages by default", "always", "madvise"),
        ], []),
        "/var/lib/aitune/bench.db");

    private static LabBoot Boot(string kernel, int round, long? run) =>
        new(kernel, round, 1, run, null, [], 12.5, 0.4, 0.1, 74, "tsc", null);

    private static LabRunVerdict Verdict(string metric, string verdict, double baseline, double candidate) =>
        new("B", metric, "instructions/op", baseline, candidate, candidate / baseline, 2, 3, verdict, "", 0.004, 0.003);

    private static KernelDiffConcept Difference(string title, string baseline, string candidate) =>
        new(title.ToLowerInvariant().Replace(' ', '-'), "scheduler", title, [],
            [new KernelDiffValue("A 6.1.0-57-amd64", baseline, baseline, "", new Dictionary<string, string>()),
             new KernelDiffValue("B 6.1.0-57-rt-amd64", candidate, candidate, "", new Dictionary<string, string>())]);

    private static List<string> Render(int width)
    {
        var output = new StringWriter();
        LabRunTextRenderer.Render(Document, output, width);
        return [.. output.ToString().Split('\n')];
    }

    [Fact]
    public void Every_line_fits_80_columns()
    {
        var lines = Render(80);

        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.Contains(lines, line => line.StartsWith("measure: instructions: instructions per operation", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("  configuration differences that may explain it:", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("    ", StringComparison.Ordinal) && line.Contains("Timer frequency", StringComparison.Ordinal));
    }

    [Fact]
    public void Wrapping_loses_no_word_and_an_unwrapped_output_keeps_each_sentence_on_one_line()
    {
        static string Words(IEnumerable<string> lines) => string.Join(' ', string.Join(' ', lines).Split(' ', StringSplitOptions.RemoveEmptyEntries));

        var wrapped = Render(80);
        var unwrapped = Render(ConsoleFactory.UnlimitedWidth);

        Assert.Equal(Words(unwrapped), Words(wrapped));
        Assert.True(wrapped.Count > unwrapped.Count);
        Assert.Contains($"measure: instructions: {LabRunDocument.MeaningOf(LabMeasure.Instructions)}", unwrapped);
        Assert.Contains("  configuration differences that may explain it: Preemption model voluntary → rt (PREEMPT_RT: every spinlock a sleeping lock); "
            + "Timer frequency 250 Hz → 1000 Hz; Transparent huge pages by default always → madvise", unwrapped);
    }

    [Theory]
    [InlineData("one two three", 7, 0, new[] { "one two", "three" })]
    [InlineData("  lead kept here", 10, 4, new[] { "  lead", "    kept", "    here" })]
    [InlineData("a verylongwordindeed b", 6, 1, new[] { "a", " verylongwordindeed", " b" })]
    [InlineData("", 10, 2, new string[0])]
    public void Word_wrap_breaks_at_spaces_and_indents_what_follows(string text, int width, int indent, string[] expected) =>
        Assert.Equal(expected, WordWrap.Lines(text, width, indent));
}
