using System.Globalization;
using AiTune.Knobs;
using Tomlyn;
using Tomlyn.Model;
using AiTune.Knobs.Kinds;

namespace AiTune.Profiles;

/// <summary>Reads one profile file. The format (docs/profiles.md), with TuneD's notation for values:
/// <code>
/// name = "inference-latency"
/// description = "…"
/// include = ["base"]
/// workload = "inference"      # or "training"; omitted for profiles that say nothing of the workload
/// latency = true
/// [sysctl]
/// "vm.swappiness" = "&lt;=10"
/// "kernel.numa_balancing" = { value = "0", severity = "high", why = "…", source = "…", when = { numa_nodes = "&gt;=2" } }
/// [thp]
/// enabled = "madvise|always"
/// [cpu]
/// governor = "performance"
/// [block.nvme]
/// scheduler = "none"
/// [cmdline]
/// iommu = "pt"
/// [hugepages]
/// "2048kB" = { value = "model", headroom_percent = 5 }
/// [scheduler]
/// migration_cost_ns = "&gt;=500000"
/// </code></summary>
public static class ProfileParser
{
    private static readonly HashSet<string> TopLevelKeys =
        ["name", "description", "include", "workload", "latency", "hardened", "selectable", "sysctl", "thp", "cpu", "block", "cmdline", "hugepages", "scheduler"];

    private static readonly HashSet<string> SettingKeys = ["value", "severity", "why", "source", "when", "headroom_percent"];

    private static readonly IReadOnlyList<string> GpuVendors = ["nvidia", "amd", "intel", "none"];

    private static readonly IReadOnlyList<string> Flavors = ["generic", "lts", "rt", "cloud", "hardened", "cachyos", "zen", "lowlatency"];

    /// <summary>Longest why/source text: an explanation, not an essay.</summary>
    private const int MaxTextLength = 2000;

    /// <summary>The raw profile: its own settings, includes not yet resolved.</summary>
    public sealed record ParsedProfile(string Name, string Description, bool Selectable, IReadOnlyList<string> Includes,
        string? Workload, bool Latency, bool Hardened, IReadOnlyList<ProfileSetting> Settings);

    /// <param name="builtIn">A built-in profile: a setting without <c>why</c>/<c>source</c> takes its knob's
    /// <see cref="KnobRationales"/> entry, the text the audit rule states too (one source of truth). A user profile's
    /// setting says which profile set it.</param>
    public static ParsedProfile Parse(string text, string fileName, bool builtIn = false)
    {
        // The built-in profiles ship inside the binary and are checked by the strict pass in the tests
        // (ProfileCatalogTests); at every run it would only parse them a second time.
        if (!builtIn)
        {
            CheckSyntax(text, fileName);
        }

        return Parse(ReadToml(text, fileName), fileName, builtIn);
    }

    /// <summary>Reads a profile from its TOML table: what <see cref="Parse(string, string, bool)"/> does after the
    /// TOML parse, and all the built-in profiles need (<see cref="BuiltInProfileTables"/> holds their tables).</summary>
    internal static ParsedProfile Parse(TomlTable table, string fileName, bool builtIn)
    {
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
            if (includes.FirstOrDefault(i => !IsValidName(i)) is { } bad)
            {
                throw Error(fileName, $"include '{bad}' is not a profile name (lower-case letters, digits and '-')");
            }
        }

        var reader = new SectionReader(fileName, name, builtIn);
        reader.Read(table, "sysctl", key => Knob.Sysctl(key));
        reader.Read(table, "thp", key => Knob.Thp(key));
        reader.Read(table, "cpu", key => Knob.Cpu(key));
        reader.Read(table, "cmdline", key => Knob.Cmdline(key));
        reader.Read(table, "hugepages", key => Knob.HugePages(key));
        reader.Read(table, "scheduler", key => Knob.Scheduler(key));
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

                reader.Read(classes, deviceClass, key => Knob.Block(deviceClass, key), $"block.{deviceClass}");
            }
        }

        var description = String(table, "description", fileName) ?? "";
        CheckText(description, fileName, "'description'");
        return new ParsedProfile(name, description, Bool(table, "selectable", fileName) ?? true, includes,
            workload, Bool(table, "latency", fileName) ?? false, Bool(table, "hardened", fileName) ?? false, reader.Settings);
    }

    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && name[0] != '-';

    /// <summary>The strict syntax pass: it validates what the table reader lets through. A key stated twice is an
    /// error (as TOML says), never "the last one wins", so a profile cannot hide a second value for a knob.</summary>
    internal static void CheckSyntax(string text, string fileName)
    {
        try
        {
            Tomlyn.Parsing.SyntaxParser.ParseStrict(text, Options(fileName), fileName, validate: true);
        }
        catch (Exception e) when (IsTomlError(e))
        {
            throw SyntaxError(fileName, e);
        }
    }

    /// <summary>SourceName puts the file into Tomlyn's diagnostics: "p.toml(4,17) : error : …".</summary>
    private static TomlSerializerOptions Options(string fileName) =>
        new() { SourceName = fileName, DuplicateKeyHandling = TomlDuplicateKeyHandling.Error };

    internal static TomlTable ReadToml(string text, string fileName)
    {
        try
        {
            var context = new ProfileTomlContext(Options(fileName));
            return TomlSerializer.Deserialize(text, context.TomlTable) ?? throw Error(fileName, "the file is empty");
        }
        catch (Exception e) when (IsTomlError(e))
        {
            throw SyntaxError(fileName, e);
        }
    }

    /// <summary>Tomlyn reports some invalid input (a \U escape naming a surrogate, …) with these instead of TomlException.</summary>
    private static bool IsTomlError(Exception e) =>
        e is TomlException or ArgumentException or FormatException or OverflowException or InvalidOperationException;

    private static AiTuneException SyntaxError(string fileName, Exception e)
    {
        if (e is not TomlException toml)
        {
            return new AiTuneException($"profile {fileName}: not valid TOML: {FirstLine(e.Message)}", "fix the TOML syntax; see docs/profiles.md");
        }

        // Tomlyn wraps the parser's diagnostic ("FILE(4,19) : error : Unexpected token") in a conversion error that
        // points at the start of the line; the innermost diagnostic has the exact column.
        var message = FirstLine(toml.Message);
        int innermost = message.LastIndexOf(fileName + "(", StringComparison.Ordinal);
        message = innermost >= 0 ? message[innermost..] : $"{fileName}({toml.Line},{toml.Column}) : error : {message}";
        message = message.Replace(") : error : ", "): ", StringComparison.Ordinal);
        return new AiTuneException($"profile {message}", "fix the TOML syntax at that line and column; see docs/profiles.md");
    }

    /// <summary>Reads the settings of the knob sections of one file.</summary>
    private sealed class SectionReader(string fileName, string profile, bool builtIn)
    {
        public List<ProfileSetting> Settings { get; } = [];

        public void Read(TomlTable table, string section, Func<string, Knob> knobOf, string? sectionLabel = null)
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
                Settings.Add(ReadSetting(section, $"[{sectionLabel}] '{key}'", knobOf(key), raw));
            }
        }

        private ProfileSetting ReadSetting(string section, string where, Knob knob, object raw)
        {
            // ".." never names a knob; refusing it here keeps every key that reaches a path builder free of it.
            if (!KnobReader.IsKnown(knob) || knob.Name.Contains("..", StringComparison.Ordinal))
            {
                throw Error(fileName, $"{where} is not a knob aitune knows" + KnobKinds.Of(knob).UnknownNameHint);
            }

            if (KnobKinds.Of(knob).NeverWritten(knob) is { } forbidden)
            {
                throw Error(fileName, $"{where} is a setting aitune never writes: {forbidden}");
            }

            var detail = raw as TomlTable;
            if (detail is not null && detail.Keys.FirstOrDefault(k => !SettingKeys.Contains(k)) is { } unknown)
            {
                throw Error(fileName, $"{where}: unknown key '{unknown}' (known: {string.Join(", ", SettingKeys.Order())})");
            }

            var text = Scalar(detail is null ? raw : detail.TryGetValue("value", out var v) ? v : null)
                ?? throw Error(fileName, $"{where}: the value must be a string or an integer" + (detail is null ? "" : " (value = …)"));

            Expectation? expectation = null;
            ModelSizing? model = null;
            if (text.Trim() == "model")
            {
                if (section != "hugepages")
                {
                    throw Error(fileName, $"{where}: \"model\" is a computed value of [hugepages] settings only");
                }

                model = new ModelSizing(HeadroomPercent(detail, where));
            }
            else
            {
                if (detail?.ContainsKey("headroom_percent") == true)
                {
                    throw Error(fileName, $"{where}: headroom_percent goes with value = \"model\" only");
                }

                expectation = Expectation.TryParse(text, out var error) ?? throw Error(fileName, $"{where}: {error}");
            }

            Severity? severity = null;
            if (detail is not null && detail.TryGetValue("severity", out var s))
            {
                if (s is not string severityText || !SeverityNames.TryParse(severityText.Trim(), out var parsed))
                {
                    throw Error(fileName, $"{where}: severity must be one of info, low, medium, high, critical");
                }

                severity = parsed;
            }

            var why = Text(detail, "why", where);
            var source = Text(detail, "source", where);
            var when = detail is not null && detail.TryGetValue("when", out var w) ? ReadCondition(w, where) : null;

            var rationale = builtIn ? KnobRationales.For(knob) : null;
            return new ProfileSetting(knob, expectation, model, severity, profile,
                why ?? rationale?.Why ?? $"set by profile {profile} ({fileName})",
                source ?? rationale?.Source ?? fileName,
                when)
            {
                BuiltIn = builtIn,
            };
        }

        private int HeadroomPercent(TomlTable? detail, string where)
        {
            if (detail is null || !detail.TryGetValue("headroom_percent", out var value))
            {
                return ModelSizing.DefaultHeadroomPercent;
            }

            if (value is not long percent || percent is < 0 or > 100)
            {
                throw Error(fileName, $"{where}: headroom_percent must be an integer from 0 to 100");
            }

            return (int)percent;
        }

        private string? Text(TomlTable? detail, string key, string where)
        {
            if (detail is null || !detail.TryGetValue(key, out var value))
            {
                return null;
            }

            if (value is not string text || text.Trim().Length == 0)
            {
                throw Error(fileName, $"{where}: {key} must be a non-empty string");
            }

            CheckText(text, fileName, $"{where}: {key}");
            return text.Trim();
        }

        private SettingCondition? ReadCondition(object value, string where)
        {
            if (value is not TomlTable table)
            {
                throw Error(fileName, $"{where}: when must be a table, e.g. when = {{ numa_nodes = \">=2\" }}");
            }

            if (table.Keys.FirstOrDefault(k => !SettingCondition.Keys.Contains(k)) is { } unknown)
            {
                throw Error(fileName, $"{where}: when: unknown key '{unknown}' (known: {string.Join(", ", SettingCondition.Keys)})");
            }

            if (table.Count == 0)
            {
                return null;
            }

            return new SettingCondition(
                Alternatives(table, "virtualization", where, name => IsWord(name), "'none' (bare metal), 'vm', or a hypervisor name such as kvm"),
                Alternatives(table, "gpu_vendor", where, GpuVendors.Contains, string.Join(", ", GpuVendors)),
                Range(table, "kernel", where, 3, "a kernel version range such as \">=5.15,<6.1\""),
                table.TryGetValue("rotational", out var rotational)
                    ? rotational as bool? ?? throw Error(fileName, $"{where}: when: rotational must be true or false")
                    : null,
                Range(table, "numa_nodes", where, 1, "a node count such as \">=2\" or 1"),
                Alternatives(table, "flavor", where, IsFlavor, $"a kernel flavor ({string.Join(", ", Flavors)}), optionally with /variant"));
        }

        private IReadOnlyList<string>? Alternatives(TomlTable table, string key, string where, Func<string, bool> valid, string expected)
        {
            if (!table.TryGetValue(key, out var value))
            {
                return null;
            }

            var options = (value as string)?.Split('|').Select(o => o.Trim()).ToList();
            if (options is null || options.Any(o => !valid(o)))
            {
                throw Error(fileName, $"{where}: when: {key} must be {expected}; alternatives with '|'");
            }

            return options;
        }

        private NumericRange? Range(TomlTable table, string key, string where, int components, string expected)
        {
            if (!table.TryGetValue(key, out var value))
            {
                return null;
            }

            var text = value switch
            {
                string s => s,
                long n when components == 1 && n is >= 0 and <= 100_000 => n.ToString(CultureInfo.InvariantCulture),
                _ => null,
            };
            if (text is null)
            {
                throw Error(fileName, $"{where}: when: {key} must be {expected}");
            }

            return NumericRange.TryParse(text, components, out var error) ?? throw Error(fileName, $"{where}: when: {key}: {error}");
        }

        private static bool IsWord(string text) =>
            text.Length is > 0 and <= 32 && text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

        private static bool IsFlavor(string text)
        {
            var parts = text.Split('/');
            return parts.Length <= 2 && Flavors.Contains(parts[0]) && (parts.Length == 1 || IsWord(parts[1]));
        }
    }

    private static void CheckText(string text, string fileName, string what)
    {
        if (text.Length > MaxTextLength)
        {
            throw Error(fileName, $"{what} is longer than {MaxTextLength} characters");
        }

        if (text.Any(char.IsControl))
        {
            throw Error(fileName, $"{what} contains a control character (newlines and escapes have no place in a one-line explanation)");
        }
    }

    private static string? Scalar(object? value) => value switch
    {
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
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
