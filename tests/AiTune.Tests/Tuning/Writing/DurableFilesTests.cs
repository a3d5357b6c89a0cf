using AiTune.Tuning.Writing;

namespace AiTune.Tests.Tuning.Writing;

public class DurableFilesTests
{
    [Fact]
    public void IsRoot_is_the_effective_uid_the_kernel_reports()
    {
        // /proc/self/status "Uid:" lists real, effective, saved and file-system uids.
        string uidLine = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        string effective = uidLine.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[2];

        Assert.Equal(effective == "0", DurableFiles.IsRoot);
    }

    [Fact]
    public void FsyncDirectory_syncs_an_existing_directory_and_leaves_it_as_it_was()
    {
        var directory = Directory.CreateTempSubdirectory("aitune-fsync-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "entry"), "x");

            DurableFiles.FsyncDirectory(directory.FullName);

            Assert.Equal(["entry"], directory.EnumerateFiles().Select(f => f.Name));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void FsyncDirectory_of_a_missing_directory_or_a_file_is_an_error_naming_it()
    {
        var directory = Directory.CreateTempSubdirectory("aitune-fsync-");
        try
        {
            string missing = Path.Combine(directory.FullName, "missing");
            string file = Path.Combine(directory.FullName, "file");
            File.WriteAllText(file, "x");

            var absent = Assert.Throws<AiTuneException>(() => DurableFiles.FsyncDirectory(missing));
            var notDirectory = Assert.Throws<AiTuneException>(() => DurableFiles.FsyncDirectory(file));

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
