using AiTune.Files;
using AiTune.Lab.Image;
using AiTune.Tests.Support;

namespace AiTune.Tests.Lab.Image;

public class GuestImageTests(LabKernelTrees kernels) : IClassFixture<LabKernelTrees>
{
    /// <summary>A real dynamically linked program as /init (the dotnet host running these tests: seven libraries,
    /// more than aitune's NativeAOT binary needs), with 6.1's virtio modules.</summary>
    private static string Program => Environment.ProcessPath!;

    [Fact]
    public void The_image_holds_init_its_libraries_the_modules_in_order_the_settings_and_the_console()
    {
        byte[] settings = """{"schemaVersion":1}"""u8.ToArray();
        var contents = GuestImage.Gather(Program, kernels.Modules61, settings);
        var directory = Directory.CreateTempSubdirectory("aitune-image-");
        try
        {
            string image = Path.Join(directory.FullName, "initrd.cpio");
            long size = GuestImage.Write(image, contents);

            byte[] archive = File.ReadAllBytes(image);
            Assert.Equal(archive.Length, size);
            var entries = NewcReader.Read(archive).ToDictionary(e => e.Name);
            Assert.Equal((0x8000u, 0x1EDu), (entries["init"].Type, entries["init"].Permissions));
            Assert.Equal(File.ReadAllBytes(Program), entries["init"].Data);
            Assert.Equal((0x2000u, 5u, 1u), (entries["dev/console"].Type, entries["dev/console"].RdevMajor, entries["dev/console"].RdevMinor));
            Assert.All(GuestImage.MountPoints, m => Assert.Equal(0x4000u, entries[m].Type));
            Assert.Equal(0x3FFu, entries["tmp"].Permissions);
            Assert.Equal(settings, entries[GuestImage.SettingsPath].Data);
            foreach (var shared in contents.SharedObjects)
            {
                var entry = entries[shared.GuestPath[1..]];
                var file = entry.Type == 0xA000 ? entries[System.Text.Encoding.UTF8.GetString(entry.Data)[1..]] : entry;
                Assert.Equal(File.ReadAllBytes(shared.HostFile), file.Data);
            }

            Assert.True(entries.ContainsKey("lib64/ld-linux-x86-64.so.2"));
            string[] listed = System.Text.Encoding.UTF8.GetString(entries[GuestImage.ModuleListPath].Data).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(contents.Modules.LoadOrder.Select(m => $"/lib/modules/{LabKernelTrees.Release61}/{m.RelativePath}"), listed);
            Assert.Contains(listed, l => l.EndsWith("/virtio_pci.ko", StringComparison.Ordinal));
            Assert.All(contents.Modules.LoadOrder, m => Assert.Equal(m.Content, entries[$"lib/modules/{LabKernelTrees.Release61}/{m.RelativePath}"].Data));

            string tool = LabKernelTrees.Run($"cpio -t --quiet < '{image}'");
            Assert.Equal(NewcReader.Read(archive).Select(e => e.Name), tool.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal(["initrd.cpio"], Directory.GetFiles(directory.FullName).Select(Path.GetFileName));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_failed_write_leaves_no_file_behind()
    {
        var contents = new GuestImageContents("/nonexistent/aitune", [], new ModuleSelection("r", [], []), Array.Empty<byte>());
        var directory = Directory.CreateTempSubdirectory("aitune-image-");
        try
        {
            Assert.ThrowsAny<Exception>(() => GuestImage.Write(Path.Join(directory.FullName, "initrd.cpio"), contents));
            Assert.Empty(Directory.GetFileSystemEntries(directory.FullName));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
