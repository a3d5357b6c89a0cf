using AiTune.Inspection.Sysctl;
using AiTune.Tuning.Persistence;
using CsCheck;

namespace AiTune.Tests.Tuning.Persistence;

/// <summary>Whatever the value, a renderer either refuses it with an AiTuneException or writes a file with exactly
/// the expected lines, each setting's value verbatim in its own line: a value can never add a line, end a quoted
/// string or change another setting.</summary>
public sealed class PersistencePropertyTests
{
    /// <summary>Random strings; short strings over the characters that matter to the four file languages; and,
    /// most often, strings every renderer accepts, so that the accepting side of each property is exercised too.</summary>
    private static readonly Gen<string> Value = Gen.Frequency(
        (1, Gen.String),
        (2, Gen.String[Gen.Char["aZ09_-+.,:=/ \t\n\r\0\"'`$()%\\#;*?[]{}|&<>~\u0085\u2028\u00e9"], 0, 12]),
        (6, Gen.String[Gen.Char["abcxyzABC0189_+-"], 1, 12]));

    private static string[] Lines(string content)
    {
        Assert.EndsWith("\n", content, StringComparison.Ordinal);
        return content[..^1].Split('\n');
    }

    private static bool Refuses(Action render)
    {
        try
        {
            render();
            return false;
        }
        catch (AiTuneException)
        {
            return true;
        }
    }

    [Fact]
    public void Sysctl_file_has_one_line_per_key_or_refuses() =>
        Value.Array[1, 4].Sample(values =>
        {
            var settings = values.Select((v, i) => ($"vm.key{i}", v)).ToList();
            RenderedFile? file = null;
            if (Refuses(() => file = SysctlDropIn.Render(SysctlDropIn.Plan(BootSysctlConfiguration.Empty, settings), "base", DateTimeOffset.UnixEpoch, "root")))
            {
                return;
            }

            var lines = Lines(file!.Content);
            Assert.Equal(1 + settings.Count, lines.Length);
            Assert.Equal(settings.Select(s => $"{s.Item1} = {s.v}"), lines.Skip(1));
            var parsed = SysctlConfigParser.Parse(file.Content, "/etc/sysctl.d/10-aitune.conf");
            Assert.Equal(settings, parsed.Assignments.Select(a => (a.Key, a.Value)));
        }, iter: 500);

    [Fact]
    public void Udev_rule_holds_each_value_once_in_its_own_assignment_or_refuses() =>
        Value.Array[4].Sample(values =>
        {
            string[] attributes = ["scheduler", "nr_requests", "max_sectors_kb", "read_ahead_kb"];
            var settings = attributes.Select((a, i) => new BlockSetting("nvme", a, values[i])).ToList();
            RenderedFile? file = null;
            if (Refuses(() => file = UdevRule.Render("base", settings)))
            {
                return;
            }

            var lines = Lines(file!.Content);
            Assert.Equal(2, lines.Length);
            Assert.Equal(
                "ACTION==\"add|change\", SUBSYSTEM==\"block\", ENV{DEVTYPE}==\"disk\", KERNEL==\"nvme[0-9]*n[0-9]*\", "
                + string.Join(", ", settings.Select(s => $"ATTR{{queue/{s.Attribute}}}=\"{s.Value}\"")),
                lines[1]);
            Assert.Equal(8 + 2 * 4, lines[1].Count(c => c == '"'));
        }, iter: 500);

    [Fact]
    public void Tmpfiles_entry_has_one_w_line_per_write_or_refuses() =>
        Gen.Select(Value.Array[1, 3], Value).Sample((values, pathTail) =>
        {
            var writes = values.Select((v, i) => ($"/sys/kernel/mm/k{i}", v)).Append(("/sys/kernel/" + pathTail, "1")).ToList();
            RenderedFile? file = null;
            if (Refuses(() => file = TmpfilesEntry.Render("base", writes)))
            {
                return;
            }

            var lines = Lines(file!.Content);
            Assert.Equal(1 + writes.Count, lines.Length);
            Assert.Equal(writes.Select(w => $"w {w.Item1} - - - - {w.Item2}"), lines.Skip(1));
            Assert.All(lines.Skip(1), line => Assert.Equal(7, line.Split(' ').Length));
            Assert.DoesNotContain("/../", file.Content, StringComparison.Ordinal);
        }, iter: 500);

    [Fact]
    public void Grub_drop_in_has_one_assignment_with_each_parameter_once_or_refuses() =>
        Gen.Select(Value.Array[1, 3], Value).Sample((values, name) =>
        {
            var parameters = values.Select((v, i) => ($"p{i}", v)).Append((name, "1")).ToList();
            RenderedFile? file = null;
            if (Refuses(() => file = GrubDropIn.Render("base", parameters)))
            {
                return;
            }

            var lines = Lines(file!.Content);
            Assert.Equal(3, lines.Length);
            var words = parameters.Select(p => p.Item2.Length > 0 ? $"{p.Item1}={p.Item2}" : p.Item1);
            Assert.Equal($"GRUB_CMDLINE_LINUX_DEFAULT=\"$GRUB_CMDLINE_LINUX_DEFAULT {string.Join(' ', words)}\"", lines[2]);
            Assert.Equal(2, lines[2].Count(c => c == '"'));
            Assert.Equal(1, lines[2].Count(c => c == '$'));
        }, iter: 500);
}
