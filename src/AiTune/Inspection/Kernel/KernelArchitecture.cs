namespace AiTune.Inspection.Kernel;

/// <summary>The uname machine a build configuration implies (the UTS_MACHINE each arch/*/Makefile sets), for hosts
/// whose snapshot has no machine and whose kernel has no /proc/sys/kernel/arch.</summary>
public static class KernelArchitecture
{
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
