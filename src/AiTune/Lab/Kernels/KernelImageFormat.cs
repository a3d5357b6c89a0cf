namespace AiTune.Lab.Kernels;

public enum KernelImageFormat
{
    /// <summary>An x86 bzImage with the boot protocol header (Documentation/arch/x86/boot.rst).</summary>
    X86BzImage,

    /// <summary>An arm64 Image (Documentation/arch/arm64/booting.rst), as it is or gzip-compressed (Debian's arm64 vmlinuz).</summary>
    Arm64Image,
}
