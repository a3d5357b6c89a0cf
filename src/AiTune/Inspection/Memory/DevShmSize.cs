using AiTune.Facts;
using AiTune.Inspection.Mounts;
using AiTune.Text;

namespace AiTune.Inspection.Memory;

/// <summary>The size of the tmpfs at /dev/shm. Documentation/filesystems/tmpfs.rst: "size: The limit of allocated
/// bytes for this tmpfs instance. The default is half of your physical RAM without swap … size=0 … no limit";
/// it takes k, m, g suffixes or a percentage of RAM ("size=50%"). The kernel prints the option only when it
/// differs from the default (mm/shmem.c shmem_show_options), so a missing size= means half of RAM.</summary>
public static class DevShmSize
{
    public const string MountPoint = "/dev/shm";

    public static Fact<long> FromMounts(Fact<IReadOnlyList<Mount>> mounts, Fact<long> totalBytes)
    {
        if (!mounts.TryGet(out var table))
        {
            return Fact.Unknown<long>(mounts.Reason!);
        }

        var visible = table.LastOrDefault(m => m.MountPoint == MountPoint);
        if (visible is null)
        {
            return Fact.Unknown<long>(UnknownKind.Absent, $"nothing is mounted at {MountPoint}");
        }

        if (visible.FsType != "tmpfs")
        {
            return Fact.Unknown<long>(UnknownKind.Absent, $"{MountPoint} is {visible.FsType}, not tmpfs");
        }

        var size = visible.Option("size");
        if (size is null)
        {
            return totalBytes.Map(total => total / 2);
        }

        if (size.EndsWith('%'))
        {
            return long.TryParse(size[..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var percent) && percent <= 100
                ? totalBytes.Map(total => (long)((Int128)total * percent / 100))
                : Fact.Unknown<long>(UnknownReason.Malformed(MountTable.Path, $"{MountPoint} size='{DisplayText.Shorten(size)}'"));
        }

        return KernelSize.Parse(size) is { } bytes
            ? bytes
            : Fact.Unknown<long>(UnknownReason.Malformed(MountTable.Path, $"{MountPoint} size='{DisplayText.Shorten(size)}'"));
    }
}
