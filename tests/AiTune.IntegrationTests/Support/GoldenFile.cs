using AiTune.Tests.Support;

namespace AiTune.IntegrationTests.Support;

/// <summary>Output compared exactly with a file under tests/fixtures/expected. AITUNE_UPDATE_GOLDEN=1 rewrites the
/// files instead (node_exporter's -u), so every change of output is a reviewed diff.</summary>
public static class GoldenFile
{
    public static string RepositoryRoot => Path.GetFullPath(FixturePaths.Repository("."));

    public static bool Updating => Environment.GetEnvironmentVariable("AITUNE_UPDATE_GOLDEN") == "1";

    public static void Check(string name, string actual)
    {
        string path = Path.Join(RepositoryRoot, "tests", "fixtures", "expected", name);
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"{path} does not exist: run the tests with AITUNE_UPDATE_GOLDEN=1 to write it, and review it");
        string expected = File.ReadAllText(path);
        if (expected != actual)
        {
            var expectedLines = expected.Split('\n');
            var actualLines = actual.Split('\n');
            int first = Enumerable.Range(0, Math.Min(expectedLines.Length, actualLines.Length)).FirstOrDefault(i => expectedLines[i] != actualLines[i], Math.Min(expectedLines.Length, actualLines.Length));
            Assert.Fail($"{name} differs from the output at line {first + 1}:\n" +
                $"expected: {expectedLines.ElementAtOrDefault(first)}\nactual:   {actualLines.ElementAtOrDefault(first)}\n" +
                "if the change is meant, rerun with AITUNE_UPDATE_GOLDEN=1 and review the diff");
        }
    }
}
