using AiTune.Inspection.Kernel;

namespace AiTune.Inspection.Accelerators;

/// <summary>
/// The IOMMU parameters of the kernel command line (Documentation/admin-guide/kernel-parameters.txt): "iommu=
/// [X86] off … pt [X86] … nopt", "iommu.passthrough= [ARM64, X86] 0 - Use IOMMU translation for DMA. 1 - Bypass
/// the IOMMU for DMA.", "iommu.strict= [ARM64, X86, S390] 0 - Lazy mode … 1 - Strict mode", "intel_iommu= [DMAR]
/// on, off, … strict [Default Off] [Deprecated, use iommu.strict=1]", "amd_iommu= [HW,X86-64] … fullflush -
/// Deprecated, equivalent to iommu.strict=1, off - do not initialize any AMD IOMMU found in the system".
/// </summary>
public static class IommuCommandLine
{
    /// <summary>The IOMMU-related parameters as "name=value" (a bare flag as "name"), in command-line order.</summary>
    public static IReadOnlyList<string> Parameters(KernelCommandLine cmdline) =>
        cmdline.Parameters
            .Where(p => IsIommuParameter(p.Name))
            .ToList()
            .ConvertAll(p => p.Value is null ? p.Name : $"{p.Name}={p.Value}");

    /// <summary>The mode the command line asks for, and the parameter that asks; null when it does not decide.
    /// Off wins over passthrough, which wins over the strictness of translation.</summary>
    public static (string Mode, string Parameter)? RequestedMode(KernelCommandLine cmdline)
    {
        foreach (var name in (string[])["iommu", "intel_iommu", "amd_iommu"])
        {
            if (Options(cmdline, name).Contains("off"))
            {
                return (IommuModes.Off, $"{name}=off");
            }
        }

        if (Options(cmdline, "iommu").Contains("pt"))
        {
            return (IommuModes.Passthrough, "iommu=pt");
        }

        var passthrough = Boolean(cmdline.Get("iommu.passthrough"));
        if (passthrough == true)
        {
            return (IommuModes.Passthrough, $"iommu.passthrough={cmdline.Get("iommu.passthrough")}");
        }

        var strict = Boolean(cmdline.Get("iommu.strict"));
        if (strict is not null)
        {
            return (strict.Value ? IommuModes.TranslatedStrict : IommuModes.TranslatedLazy, $"iommu.strict={cmdline.Get("iommu.strict")}");
        }

        if (Options(cmdline, "intel_iommu").Contains("strict"))
        {
            return (IommuModes.TranslatedStrict, "intel_iommu=strict");
        }

        if (Options(cmdline, "amd_iommu").Contains("fullflush"))
        {
            return (IommuModes.TranslatedStrict, "amd_iommu=fullflush");
        }

        return null;
    }

    private static bool IsIommuParameter(string name) =>
        name is "iommu" or "intel_iommu" || name.StartsWith("iommu.", StringComparison.Ordinal)
        || name.StartsWith("amd_iommu", StringComparison.Ordinal);

    /// <summary>The comma-separated options of the last value given (the kernel honours the last).</summary>
    private static string[] Options(KernelCommandLine cmdline, string name) =>
        cmdline.Get(name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>kstrtobool: 1/y/Y/on true, 0/n/N/off false; anything else decides nothing.</summary>
    private static bool? Boolean(string? value) => value switch
    {
        "1" or "y" or "Y" or "on" => true,
        "0" or "n" or "N" or "off" => false,
        _ => null,
    };
}
