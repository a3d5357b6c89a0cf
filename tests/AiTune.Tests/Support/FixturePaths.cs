namespace AiTune.Tests.Support;

/// <summary>Locates tests/fixtures from the test binary's directory.</summary>
public static class FixturePaths
{
    private static readonly Lazy<string> FixturesDirectory = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures not found above " + AppContext.BaseDirectory);
    });

    /// <summary>tests/fixtures/hosts/NAME: a host tree.</summary>
    public static string Host(string name) => Path.Combine(FixturesDirectory.Value, "hosts", name);

    /// <summary>Every host tree fixture, for tests that run over all of them.</summary>
    public static IEnumerable<string> AllHosts() =>
        Directory.EnumerateDirectories(Path.Combine(FixturesDirectory.Value, "hosts")).Select(Path.GetFileName).Order()!;

    public static string File(string relative) => Path.Combine(FixturesDirectory.Value, relative);

    /// <summary>A path relative to the repository root.</summary>
    public static string Repository(string relative) => Path.Combine(FixturesDirectory.Value, "..", "..", relative);
}
