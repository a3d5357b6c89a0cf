using System.Reflection;

namespace AiTune.Profiles;

/// <summary>The built-in profiles, embedded in the binary, with includes resolved.</summary>
public sealed class ProfileCatalog
{
    private readonly Dictionary<string, ProfileParser.ParsedProfile> parsed;
    private readonly Dictionary<string, Profile> resolved = new(StringComparer.Ordinal);

    private ProfileCatalog(Dictionary<string, ProfileParser.ParsedProfile> parsed) => this.parsed = parsed;

    public static ProfileCatalog BuiltIn { get; } = LoadBuiltIn();

    /// <summary>A catalog from file texts (name → TOML); used for the built-in set and by tests.</summary>
    public static ProfileCatalog FromTexts(IEnumerable<(string FileName, string Text)> files)
    {
        var parsed = new Dictionary<string, ProfileParser.ParsedProfile>(StringComparer.Ordinal);
        foreach (var (fileName, text) in files)
        {
            var profile = ProfileParser.Parse(text, fileName);
            if (!parsed.TryAdd(profile.Name, profile))
            {
                throw new AiTuneException($"profile {fileName}: a profile named '{profile.Name}' is already defined", "give each profile its own name");
            }
        }

        return new ProfileCatalog(parsed);
    }

    /// <summary>Profiles a user can select, in a stable order.</summary>
    public IReadOnlyList<Profile> Selectable => parsed.Values.Where(p => p.Selectable).Select(p => Get(p.Name)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();

    /// <summary>Every profile, building blocks included, resolved.</summary>
    public IReadOnlyList<Profile> All => parsed.Keys.Order(StringComparer.Ordinal).Select(name => Resolve(name, [])).ToList();

    /// <summary>Resolves "a" or "a+b+c".</summary>
    public ProfileSelection Select(string expression)
    {
        var names = expression.Split('+', StringSplitOptions.TrimEntries);
        if (names.Any(n => n.Length == 0) || names.Distinct().Count() != names.Length)
        {
            throw new AiTuneException($"profile '{expression}' is not a valid combination", "combine distinct profiles with '+', e.g. inference-latency+hardened");
        }

        return new ProfileSelection(names.Select(Get).ToList());
    }

    /// <summary>A selectable profile by name; building blocks such as <c>base</c> are not selectable.</summary>
    public Profile Get(string name)
    {
        if (!parsed.TryGetValue(name, out var profile) || !profile.Selectable)
        {
            throw new AiTuneException($"unknown profile '{name}'",
                $"built-in profiles: {string.Join(", ", parsed.Values.Where(p => p.Selectable).Select(p => p.Name).Order())}");
        }

        return Resolve(name, []);
    }

    private Profile Resolve(string name, List<string> chain)
    {
        if (resolved.TryGetValue(name, out var done))
        {
            return done;
        }

        if (chain.Contains(name))
        {
            throw new AiTuneException($"profile include cycle: {string.Join(" -> ", chain.Append(name))}", "remove one of the includes");
        }

        if (!parsed.TryGetValue(name, out var profile))
        {
            throw new AiTuneException($"profile '{chain[^1]}' includes unknown profile '{name}'", "include only profiles that exist");
        }

        chain.Add(name);
        var settings = new Dictionary<string, ProfileSetting>(StringComparer.Ordinal);
        foreach (var include in profile.Includes)
        {
            foreach (var setting in Resolve(include, chain).Settings)
            {
                settings[setting.Knob.Id] = setting;
            }
        }

        chain.RemoveAt(chain.Count - 1);
        foreach (var setting in profile.Settings)
        {
            settings[setting.Knob.Id] = setting;
        }

        var result = new Profile(profile.Name, profile.Description, profile.Selectable, profile.Workload, profile.Latency, profile.Hardened,
            settings.Values.ToList());
        resolved[name] = result;
        return result;
    }

    private static ProfileCatalog LoadBuiltIn()
    {
        var assembly = typeof(ProfileCatalog).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("profiles/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n["profiles/".Length..], ReadResource(assembly, n)));
        return FromTexts(files);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
