using AiTune.Audit;
using AiTune.Tuning.Knobs;
using Tomlyn;
using Tomlyn.Model;

namespace AiTune.Profiles;

/// <summary>Reads one profile file. The format, with TuneD's notation for values:
/// <code>
/// name = "inference-latency"
/// description = "…"
/// include = ["base"]
/// workload = "inference"      # or "training"; omitted for profiles that say nothing of the workload
/// latency = true
/// [sysctl]
/// "vm.swappiness" = "&lt;=10"
/// "kernel.numa_balancing" = { value = "0", severity = "high" }
/// [thp]
/// enabled = "madvise|always"
/// [cpu]
/// governor = "performance"
/// [block.nvme]
/// scheduler = "none"
/// [cmdline]
/// iommu = "pt"
/// </code></summary>
public static class ProfileParser
{
    private static readonly HashSet<string> TopLevelKeys = ["name", "description", "include", "workload", "latency", "hardened", "selectable", "sysctl", "thp", "cpu", "block", "cmdline"];

    /// <summary>The raw profile: its own settings, includes not yet resolved.</summary>
    public sealed record ParsedProfile(string Name, string Description, bool Selectable, IReadOnlyList<string> Includes,
        string? Workload, bool Latency, bool Hardened, IReadOnlyList<ProfileSetting> Settings);

    public static ParsedProfile Parse(string text, string fileName)
    {
        TomlTable table;
        try
        {
            table = TomlSerializer.Deserialize(text, ProfileTomlContext.Default.TomlTable)
                ?? throw Error(fileName, "the file is empty");
        }
        catch (TomlException e)
        {
            throw new AiTuneException($"profile {fileName}: {FirstLine(e.Message)}", "fix the TOML syntax at that line and column");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or InvalidOperationException)
        {
            // Tomlyn reports some invalid input (a \U escape naming a surrogate, …) with these instead of TomlException.
            throw new AiTuneException($"profile {fileName}: not valid TOML: {FirstLine(e.Message)}", "fix the TOML syntax; see docs/profiles.md");
        }

        foreach (var key in table.Keys)
        {
            if (!TopLevelKeys.Contains(key))
            {
                throw Error(fileName, $"unknown key '{key}' (known: {string.Join(", ", TopLevelKeys.Order())})");
            }
        }

        var name = String(table, "name", fileName) ?? throw Error(fileName, "'name' is missing");
        if (!IsValidName(name))
        {
            throw Error(fileName, $"name '{name}' must be lower-case letters, digits and '-'");
        }

        var workload = String(table, "workload", fileName);
        if (workload is not null and not "inference" and not "training")
        {
            throw Error(fileName, $"workload '{workload}' must be \"inference\" or \"training\"");
        }

        var includes = new List<string>();
        if (table.TryGetValue("include", out var includeValue))
        {
            if (includeValue is not TomlArray array || array.Any(i => i is not string))
            {
                throw Error(fileName, "'include' must be an array of profile names");
            }

            includes.AddRange(array.Cast<string>());
        }

        var settings = new List<ProfileSetting>();
        ReadSection(table, "sysctl", fileName, name, settings, key => Knob.Sysctl(key));
        ReadSection(table, "thp", fileName, name, settings, key => Knob.Thp(key));
        ReadSection(table, "cpu", fileName, name, settings, key => Knob.Cpu(key));
        ReadSection(table, "cmdline", fileName, name, settings, key => Knob.Cmdline(key));
        if (table.TryGetValue("block", out var block))
        {
            if (block is not TomlTable classes)
            {
                throw Error(fileName, "[block] must hold tables [block.nvme], [block.ssd], [block.hdd]");
            }

            foreach (var (deviceClass, _) in classes)
            {
                if (!Knob.DeviceClasses.Contains(deviceClass))
                {
                    throw Error(fileName, $"[block.{deviceClass}]: device class must be one of {string.Join(", ", Knob.DeviceClasses)}");
                }

                ReadSection(classes, deviceClass, fileName, name, settings, key => Knob.Block(deviceClass, key), $"block.{deviceClass}");
            }
        }

        return new ParsedProfile(name, String(table, "description", fileName) ?? "", Bool(table, "selectable", fileName) ?? true, includes,
            workload, Bool(table, "latency", fileName) ?? false, Bool(table, "hardened", fileName) ?? false, settings);
    }

    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && name[0] != '-';

    private static void ReadSection(TomlTable table, string section, string fileName, string profile, List<ProfileSetting> settings,
        Func<string, Knob> knobOf, string? sectionLabel = null)
    {
        sectionLabel ??= section;
        if (!table.TryGetValue(section, out var value))
        {
            return;
        }

        if (value is not TomlTable entries)
        {
            throw Error(fileName, $"[{sectionLabel}] must be a table");
        }

        foreach (var (key, raw) in entries)
        {
            var knob = knobOf(key);
            if (!KnobReader.IsKnown(knob))
            {
                throw Error(fileName, $"[{sectionLabel}] '{key}' is not a knob aitune knows" + (knob.Kind == KnobKind.Sysctl
                    ? " (a sysctl key is dotted letters, digits, '_' and '-': no '/', '..', globs or spaces)"
                    : ""));
            }

            string? text;
            Severity? severity = null;
            if (raw is TomlTable detail)
            {
                text = Scalar(detail.TryGetValue("value", out var v) ? v : null);
                if (detail.TryGetValue("severity", out var s))
                {
                    if (s is not string severityText || !Enum.TryParse<Severity>(severityText, ignoreCase: true, out var parsed))
                    {
                        throw Error(fileName, $"[{sectionLabel}] '{key}': severity must be one of info, low, medium, high, critical");
                    }

                    severity = parsed;
                }

                foreach (var detailKey in detail.Keys)
                {
                    if (detailKey is not "value" and not "severity")
                    {
                        throw Error(fileName, $"[{sectionLabel}] '{key}': unknown key '{detailKey}' (known: value, severity)");
                    }
                }
            }
            else
            {
                text = Scalar(raw);
            }

            if (text is null)
            {
                throw Error(fileName, $"[{sectionLabel}] '{key}': the value must be a string or an integer");
            }

            var expectation = Expectation.TryParse(text, out var error)
                ?? throw Error(fileName, $"[{sectionLabel}] '{key}': {error}");
            settings.Add(new ProfileSetting(knob, expectation, severity, profile));
        }
    }

    private static string? Scalar(object? value) => value switch
    {
        string s => s,
        long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        _ => null,
    };

    private static string? String(TomlTable table, string key, string fileName) =>
        !table.TryGetValue(key, out var value) ? null
        : value as string ?? throw Error(fileName, $"'{key}' must be a string");

    private static bool? Bool(TomlTable table, string key, string fileName) =>
        !table.TryGetValue(key, out var value) ? null
        : value as bool? ?? throw Error(fileName, $"'{key}' must be true or false");

    private static AiTuneException Error(string fileName, string message) =>
        new($"profile {fileName}: {message}", "see docs/profiles.md for the profile format");

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
