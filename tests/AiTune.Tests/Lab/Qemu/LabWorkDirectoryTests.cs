using System.Diagnostics;
using AiTune.Lab.Qemu;

namespace AiTune.Tests.Lab.Qemu;

/// <summary>A lab run killed with SIGKILL leaves its work directory; the next one removes it, and nothing else.</summary>
public sealed class LabWorkDirectoryTests : IDisposable
{
    private readonly string parent = Directory.CreateTempSubdirectory("aitune-workdir-test-").FullName;

    public void Dispose() => Directory.Delete(parent, recursive: true);

    private string Directory_(string name, string? owner)
    {
        var path = Directory.CreateDirectory(Path.Join(parent, name)).FullName;
        File.WriteAllBytes(Path.Join(path, "initrd-A.cpio"), new byte[1024]);
        if (owner is not null)
        {
            File.WriteAllText(Path.Join(path, ".owner"), owner);
        }

        return path;
    }

    [Fact]
    public void The_directory_of_a_run_whose_process_is_gone_is_removed_and_every_other_one_stays()
    {
        using var exited = Process.Start(new ProcessStartInfo("true"))!;
        exited.WaitForExit();
        string abandoned = Directory_("aitune-lab-dead01", $"{exited.Id} 12345");
        string reusedPid = Directory_("aitune-lab-reuse1", $"{Environment.ProcessId} 1");
        string noOwner = Directory_("aitune-lab-kernels-x1", null);
        string garbage = Directory_("aitune-lab-junk01", "not a record");
        string target = Directory_("elsewhere", "999999999 1");
        File.CreateSymbolicLink(Path.Join(parent, "aitune-lab-link01"), target);

        using (var live = LabWorkDirectory.Create(parent))
        {
            Assert.False(Directory.Exists(abandoned));
            Assert.False(Directory.Exists(reusedPid)); // this PID, another start time: a reused PID, not this run
            Assert.True(Directory.Exists(noOwner));
            Assert.True(Directory.Exists(garbage));
            Assert.True(Directory.Exists(target));
            Assert.True(Directory.Exists(Path.Join(parent, "aitune-lab-link01")));

            // A second run beside it leaves the live one alone.
            Assert.Equal(0, LabWorkDirectory.RemoveAbandoned(parent));
            Assert.True(Directory.Exists(live.Path));
            Assert.Throws<ArgumentException>(() => live.File(".owner"));
        }
    }
}
