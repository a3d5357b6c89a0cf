namespace AiTune.Lab.Kernels;

/// <summary>A kernel's files on this machine, ready for QEMU's -kernel and for an initramfs's modules.</summary>
/// <param name="ImagePath">The kernel image (checked: a bzImage or arm64 Image, whole).</param>
/// <param name="ModulesDirectory">Its lib/modules/RELEASE, or null when it has none (a lone image).</param>
public sealed record BootableKernel(string Release, string ImagePath, string? ModulesDirectory);
