using AiTune.Hosting;

namespace AiTune.Profiles;

/// <summary>The profiles a run can select: the built-in ones embedded in the binary, and user profiles over them
/// (the host's /etc/aitune/profiles.d/*.toml, read through the HostRoot, and --profile-file). A user profile with a
/// built-in profile's name replaces it, as TuneD's /etc/tuned replaces /usr/lib/tuned. Includes are resolved, and
/// every profile is checked when the catalog is built, so a broken user profile fails every command that loads it.</summary>
public sealed class ProfileCatalog
{
    private readonly Dictionary<string, Entry> parsed;
    private readonly Dictionary<string, Profile> resolved = new(StringComparer.Ordinal);

    private sealed record Entry(ProfileParser.ParsedProfile Profile, string FileName, bool BuiltIn, bool ReplacesBuiltIn)
    {
        public string Origin => BuiltIn ? AiTune.Profiles.Profile.BuiltInOrigin : FileName;
    }

    private ProfileCatalog(Dictionary<string, Entry> parsed)
    {
        this.parsed = parsed;
        foreach (var name in parsed.Keys)
        {
            Resolve(name, []);
        }
    }

    public static ProfileCatalog BuiltIn { get; } = LoadBuiltIn();

    /// <summary>A catalog of built-in profiles from file texts (name → TOML); used by tests.</summary>
    public static ProfileCatalog FromTexts(IEnumerable<(string FileName, string Text)> files) =>
        FromBuiltIn(files.Select(file => (file.FileName, ProfileParser.Parse(file.Text, file.FileName, builtIn: true))));

    private static ProfileCatalog FromBuiltIn(IEnumerable<(string FileName, ProfileParser.ParsedProfile Profile)> profiles)
    {
        var parsed = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var (fileName, profile) in profiles)
        {
            if (!parsed.TryAdd(profile.Name, new Entry(profile, fileName, true, false)))
            {
                throw new AiTuneException($"profile {fileName}: a profile named '{profile.Name}' is already defined", "give each profile its own name");
            }
        }

        return new ProfileCatalog(parsed);
    }

    /// <summary>The built-in profiles, then the host's /etc/aitune/profiles.d/*.toml, then <paramref name="profileFiles"/>
    /// (local files).</summary>
    public static ProfileCatalog Load(HostRoot root, IEnumerable<string> profileFiles) =>
        BuiltIn.WithUserProfiles(UserProfileFiles.ReadHostDirectory(root).Concat(profileFiles.Select(UserProfileFiles.ReadLocal)));

    /// <summary>This catalog with user profiles added (file name → TOML). Two user profiles may not share a name;
    /// one with a built-in profile's name replaces it.</summary>
    public ProfileCatalog WithUserProfiles(IEnumerable<(string FileName, string Text)> files)
    {
        var combined = new Dictionary<string, Entry>(parsed, StringComparer.Ordinal);
        foreach (var (fileName, text) in files)
        {
            var profile = ProfileParser.Parse(text, fileName);
            if (combined.TryGetValue(profile.Name, out var existing) && !existing.BuiltIn)
            {
                throw new AiTuneException($"profile {fileName}: a profile named '{profile.Name}' is already defined by {existing.Origin}",
                    "give each user profile its own name");
            }

            combined[profile.Name] = new Entry(profile, fileName, false, existing is not null);
        }

        return new ProfileCatalog(combined);
    }

    /// <summary>Profiles a user can select, in a stable order.</summary>
    public IReadOnlyList<Profile> Selectable => selectable ??= All.Where(p => p.Selectable).ToList();

    /// <summary>Every profile, building blocks included, resolved, by name: sorted once, for a catalog never changes.</summary>
    public IReadOnlyList<Profile> All => all ??= SortedByName();

    private IReadOnlyList<Profile>? all;
    private IReadOnlyList<Profile>? selectable;

    private List<Profile> SortedByName()
    {
        var names = new List<string>(parsed.Keys);
        names.Sort(StringComparer.Ordinal);
        return names.ConvertAll(name => resolved[name]);
    }

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
        if (!resolved.TryGetValue(name, out var profile) || !profile.Selectable)
        {
            throw new AiTuneException($"unknown profile '{name}'",
                $"profiles: {string.Join(", ", Selectable.Select(p => p.Name))} (aitune profile list)");
        }

        return profile;
    }

    private Profile Resolve(string name, List<string> chain)
    {
        if (resolved.TryGetValue(name, out var done))
        {
            return done;
        }

        if (chain.Contains(name))
        {
            throw new AiTuneException($"profile {FileOf(chain[^1])}: include cycle {string.Join(" -> ", chain.Append(name))}", "remove one of the includes");
        }

        if (!parsed.TryGetValue(name, out var entry))
        {
            throw new AiTuneException($"profile {FileOf(chain[^1])}: '{chain[^1]}' includes unknown profile '{name}'", "include only profiles that exist (aitune profile list)");
        }

        chain.Add(name);
        var settings = new Dictionary<string, ProfileSetting>(StringComparer.Ordinal);
        foreach (var include in entry.Profile.Includes)
        {
            foreach (var setting in Resolve(include, chain).Settings)
            {
                settings[setting.Knob.Id] = setting;
            }
        }

        chain.RemoveAt(chain.Count - 1);
        foreach (var setting in entry.Profile.Settings)
        {
            settings[setting.Knob.Id] = setting;
        }

        var profile = entry.Profile;
        var result = new Profile(profile.Name, profile.Description, profile.Selectable, profile.Workload, profile.Latency, profile.Hardened,
            settings.Values.ToList(), entry.Origin, entry.ReplacesBuiltIn);
        resolved[name] = result;
        return result;
    }

    private string FileOf(string name) => parsed[name].BuiltIn ? parsed[name].FileName + " (built-in)" : parsed[name].FileName;

    /// <summary>The profiles under profiles/, compiled into the binary as their TOML tables
    /// (<see cref="BuiltInProfileTables"/>): no resource lookup through reflection and no TOML parse at start-up, which
    /// were a tenth of an audit's time.</summary>
    private static ProfileCatalog LoadBuiltIn()
    {
        var profiles = new List<(string, ProfileParser.ParsedProfile)>();
        foreach (var (fileName, table) in BuiltInProfileTables.Create())
        {
            profiles.Add((fileName, ProfileParser.Parse(table, fileName, builtIn: true)));
        }

        return FromBuiltIn(profiles);
    }
}
