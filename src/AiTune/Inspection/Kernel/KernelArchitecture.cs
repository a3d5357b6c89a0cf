namespace AiTune.Inspection.Kernel;

/// <summary>The uname machine a build configuration implies (the UTS_MACHINE each arch/*/Makefile sets), for hosts
/// whose snapshot has no machine and whose kernel has no /proc/sys/kernel/arch.</summary>
public static class KernelArchitecture
{
    /// <summary>The options <see cref="FromConfig"/> reads.</summary>
    public static readonly IReadOnlyList<string> ConfigOptions =
    [
        "CONFIG_X86_64", "CONFIG_X86_32", "CONFIG_ARM64", "CONFIG_ARM", "CONFIG_RISCV", "CONFIG_64BIT", "CONFIG_PPC64",
        "CONFIG_CPU_LITTLE_ENDIAN", "CONFIG_PPC32", "CONFIG_S390", "CONFIG_LOONGARCH",
    ];

    public static string? FromConfig(IReadOnlyDictionary<string, string> options)
    {
        bool On(string name) => options.TryGetValue(name, out var v) && v == "y";

        if (On("CONFIG_X86_64"))
        {
            return "x86_64";
        }

        if (On("CONFIG_X86_32"))
        {
            return "i686";
        }

        if (On("CONFIG_ARM64"))
        {
            return "aarch64";
        }

        if (On("CONFIG_ARM"))
        {
            return "arm";
        }

        if (On("CONFIG_RISCV"))
        {
            return On("CONFIG_64BIT") ? "riscv64" : "riscv32";
        }

        if (On("CONFIG_PPC64"))
        {
            return On("CONFIG_CPU_LITTLE_ENDIAN") ? "ppc64le" : "ppc64";
        }

        if (On("CONFIG_PPC32"))
        {
            return "ppc";
        }

        if (On("CONFIG_S390"))
        {
            return "s390x";
        }

        if (On("CONFIG_LOONGARCH"))
        {
            return "loongarch64";
        }

        return null;
    }
}
