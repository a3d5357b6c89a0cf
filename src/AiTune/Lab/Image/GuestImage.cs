using System.Text;
using AiTune.Files;

namespace AiTune.Lab.Image;

/// <summary>
/// The lab guest's initramfs, one uncompressed newc archive: /init is the PID 1 program (aitune), beside the
/// interpreter and libraries it needs at the paths the loader names them, the kernel modules it loads (decompressed,
/// under /lib/modules/RELEASE, listed in load order in /aitune/modules), its settings (/aitune/lab.json), the
/// directories PID 1 mounts on, and /dev/console (the kernel opens it for PID 1 before any devtmpfs is mounted).
/// </summary>
public static class GuestImage
{
    public const string InitPath = "init";
    public const string ModuleListPath = "aitune/modules";
    public const string SettingsPath = "aitune/lab.json";

    /// <summary>The modules the results channel needs (virtio-serial on PCI) when the kernel has them as modules.</summary>
    public static readonly IReadOnlyList<string> ChannelModules = ["virtio_pci", "virtio_console"];

    /// <summary>Where PID 1 mounts proc, sysfs, devtmpfs, tmpfs and cgroup2.</summary>
    public static readonly IReadOnlyList<string> MountPoints = ["proc", "sys", "dev", "tmp", "run", "sys/fs/cgroup"];

    private const UnixFileMode Executable = (UnixFileMode)0x1ED; // 0755
    private const UnixFileMode Readable = (UnixFileMode)0x1A4; // 0644
    private const UnixFileMode Sticky = (UnixFileMode)0x3FF; // 1777, as /tmp is everywhere

    /// <summary>The contents of a guest for the kernel whose module tree is <paramref name="modulesDirectory"/>:
    /// <paramref name="initBinary"/> with its shared libraries from this host, and <paramref name="wantedModules"/>
    /// (default: <see cref="ChannelModules"/>) with their dependencies where the kernel has them as modules, and its
    /// configuration <paramref name="kernelConfig"/> when given.</summary>
    public static GuestImageContents Gather(string initBinary, string modulesDirectory, ReadOnlyMemory<byte> settings, IEnumerable<string>? wantedModules = null,
        ReadOnlyMemory<byte> kernelConfig = default) =>
        new(
            initBinary,
            SharedLibraryClosure.Resolve(initBinary, LibrarySearch.Host()),
            KernelModuleTree.Open(modulesDirectory).Resolve(wantedModules ?? ChannelModules),
            settings,
            kernelConfig);

    /// <summary>Writes the image to <paramref name="path"/> atomically (replacing what is there; nothing is left on
    /// error) and returns its size in bytes.</summary>
    public static long Write(string path, GuestImageContents contents) =>
        OutputFile.Write(path, expectedBytes: null, replace: true, stream => WriteTo(stream, contents));

    /// <summary>Writes the image to <paramref name="output"/> and returns its size in bytes.</summary>
    public static long WriteTo(Stream output, GuestImageContents contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        using var cpio = new CpioWriter(output);
        foreach (var mountPoint in MountPoints)
        {
            cpio.AddDirectory(mountPoint, mountPoint == "tmp" ? Sticky : Executable);
        }

        cpio.AddCharacterDevice("dev/console", 5, 1, (UnixFileMode)0x180); // 0600
        cpio.AddFileFrom(InitPath, contents.InitBinary, Executable);

        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var shared in contents.SharedObjects)
        {
            string file = Relative(shared.HostFile);
            if (placed.Add(file))
            {
                cpio.AddFileFrom(file, shared.HostFile, Executable);
            }
        }

        foreach (var shared in contents.SharedObjects)
        {
            string guest = Relative(shared.GuestPath);
            if (placed.Add(guest))
            {
                cpio.AddSymlink(guest, "/" + Relative(shared.HostFile));
            }
        }

        string modulesRoot = $"lib/modules/{contents.Modules.Release}/";
        var list = new StringBuilder();
        foreach (var module in contents.Modules.LoadOrder)
        {
            string guest = modulesRoot + module.RelativePath;
            cpio.AddFile(guest, module.Content, Readable);
            list.Append('/').Append(guest).Append('\n');
        }

        cpio.AddFile(ModuleListPath, Encoding.UTF8.GetBytes(list.ToString()), Readable);
        cpio.AddFile(SettingsPath, contents.Settings.Span, Readable);
        if (!contents.KernelConfig.IsEmpty)
        {
            cpio.AddFile($"boot/config-{contents.Modules.Release}", contents.KernelConfig.Span, Readable);
        }

        cpio.Finish();
        return cpio.BytesWritten;
    }

    private static string Relative(string absolute) =>
        absolute.StartsWith('/') ? absolute.TrimStart('/') : throw new ArgumentException($"{absolute} is not an absolute path", nameof(absolute));
}
