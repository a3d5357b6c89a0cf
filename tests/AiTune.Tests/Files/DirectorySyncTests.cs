using AiTune.Files;

namespace AiTune.Tests.Files;

public class DirectorySyncTests
{
    [Fact]
    public void Fsync_syncs_an_existing_directory_and_leaves_it_as_it_was()
    {
        var directory = Directory.CreateTempSubdirectory("aitune-fsync-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "entry"), "x");

            DirectorySync.Fsync(directory.FullName);

            Assert.Equal(["entry"], directory.EnumerateFiles().Select(f => f.Name));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Fsync_of_a_missing_directory_or_a_file_is_an_error_naming_it()
    {
        var directory = Directory.CreateTempSubdirectory("aitune-fsync-");
        try
        {
            string missing = Path.Combine(directory.FullName, "missing");
            string file = Path.Combine(directory.FullName, "file");
            File.WriteAllText(file, "x");

            var absent = Assert.Throws<AiTuneException>(() => DirectorySync.Fsync(missing));
            var notDirectory = Assert.Throws<AiTuneException>(() => DirectorySync.Fsync(file));

            Assert.Contains(missing, absent.Message);
            Assert.Contains("ENOENT", absent.Message);
            Assert.Contains("ENOTDIR", notDirectory.Message);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
