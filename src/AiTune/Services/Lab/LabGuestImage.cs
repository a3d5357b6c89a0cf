using AiTune.Lab.Image;
using AiTune.Lab.Kernels;
using AiTune.Lab.Packages;
using AiTune.Lab.Qemu;

namespace AiTune.Services.Lab;

/// <summary>One kernel ready to boot in the lab: its files, and the initramfs written for it (aitune as PID 1, the
/// payload's settings, the channel's modules, the kernel's configuration at /boot/config-R).</summary>
public sealed record LabGuestImage(BootableKernel Kernel, string Initrd)
{
    /// <summary>Extracts (or finds in the cache) each kernel and writes its image into <paramref name="work"/> as
    /// initrd-KEY.cpio, in order, saying so on <paramref name="progress"/>.</summary>
    public static IReadOnlyList<LabGuestImage> Prepare(IReadOnlyList<KernelCandidate> kernels, IReadOnlyList<string> keys, string guestBinary, string? cacheRoot,
        ReadOnlyMemory<byte> settings, LabWorkDirectory work, Action<string>? progress, CancellationToken cancellation)
    {
        var images = new List<LabGuestImage>();
        for (int i = 0; i < kernels.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            progress?.Invoke($"preparing {keys[i]} {kernels[i].Release}");
            var bootable = KernelCandidates.Bootable(kernels[i], cacheRoot ?? KernelPackageCache.DefaultRoot);
            var modules = bootable.ModulesDirectory ?? throw new AiTuneException($"{kernels[i].Release} has no lib/modules directory",
                "the lab needs the kernel's modules tree (the results channel may need virtio modules): give its package or tree");
            var initrd = work.File($"initrd-{keys[i]}.cpio");
            GuestImage.Write(initrd, GuestImage.Gather(guestBinary, modules, settings, kernelConfig: kernels[i].ConfigText));
            images.Add(new LabGuestImage(bootable, initrd));
        }

        return images;
    }

    /// <summary>"A", "B" … for the kernels in the order given.</summary>
    public static IReadOnlyList<string> Keys(int count) => Enumerable.Range(0, count).Select(i => ((char)('A' + i)).ToString()).ToList();
}
