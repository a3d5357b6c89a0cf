namespace AiTune.Tests.Support;

/// <summary>A source file of src/ that a test generates from a data file of the repository (the built-in profiles,
/// the longterm branches): compared exactly with what the generator makes now, and rewritten instead when
/// AITUNE_UPDATE_GOLDEN=1, as the golden outputs are, so a change of the data is a reviewed diff of the source.</summary>
public static class GeneratedSource
{
    public static void Check(string repositoryPath, string generated)
    {
        var path = Path.GetFullPath(FixturePaths.Repository(repositoryPath));
        if (Environment.GetEnvironmentVariable("AITUNE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, generated);
            return;
        }

        Assert.True(File.Exists(path), $"{repositoryPath} does not exist: run the tests with AITUNE_UPDATE_GOLDEN=1 to write it");
        var expectedLines = File.ReadAllText(path).Split('\n');
        var actualLines = generated.Split('\n');
        for (int i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var expected = expectedLines.ElementAtOrDefault(i);
            var actual = actualLines.ElementAtOrDefault(i);
            Assert.True(expected == actual,
                $"{repositoryPath} is not what its data file gives (line {i + 1}):\nin the file: {expected}\ngenerated:   {actual}\n" +
                "after changing the data file, rerun the tests with AITUNE_UPDATE_GOLDEN=1 and commit both");
        }
    }
}
