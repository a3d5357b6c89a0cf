namespace AiTune.Tests.Support;

/// <summary>A file of the repository that a test's output must match exactly: the golden outputs under
/// tests/fixtures/expected, and the source files generated from the repository's data (the built-in profiles, the
/// longterm branches). AITUNE_UPDATE_GOLDEN=1 rewrites the file instead (node_exporter's -u), so every change of
/// output is a reviewed diff.</summary>
public static class ExpectedFile
{
    public static bool Updating => Environment.GetEnvironmentVariable("AITUNE_UPDATE_GOLDEN") == "1";

    /// <param name="repositoryPath">The file, relative to the repository root.</param>
    /// <param name="rerun">What to rerun with AITUNE_UPDATE_GOLDEN=1 after a deliberate change.</param>
    public static void Check(string repositoryPath, string actual, string rerun = "the tests")
    {
        var path = Path.GetFullPath(FixturePaths.Repository(repositoryPath));
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"{repositoryPath} does not exist: run {rerun} with AITUNE_UPDATE_GOLDEN=1 to write it, and review it");
        var expected = File.ReadAllText(path);
        if (expected == actual)
        {
            return;
        }

        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        int first = Enumerable.Range(0, Math.Min(expectedLines.Length, actualLines.Length))
            .FirstOrDefault(i => expectedLines[i] != actualLines[i], Math.Min(expectedLines.Length, actualLines.Length));
        Assert.Fail($"{repositoryPath} differs from the output at line {first + 1}:\n" +
            $"expected: {expectedLines.ElementAtOrDefault(first)}\nactual:   {actualLines.ElementAtOrDefault(first)}\n" +
            $"if the change is meant, rerun {rerun} with AITUNE_UPDATE_GOLDEN=1, review the diff and commit it");
    }
}
