using AiTune.Tests.Support;

namespace AiTune.IntegrationTests.Support;

/// <summary>Output compared exactly with a file under tests/fixtures/expected (<see cref="ExpectedFile"/>:
/// AITUNE_UPDATE_GOLDEN=1 rewrites the files instead).</summary>
public static class GoldenFile
{
    public static string RepositoryRoot => Path.GetFullPath(FixturePaths.Repository("."));

    public static void Check(string name, string actual) =>
        ExpectedFile.Check(Path.Join("tests", "fixtures", "expected", name), actual);
}
