namespace AiTune.Inspection.Cpu;

/// <summary>Names of the Arm "CPU implementer" codes (MIDR_EL1 bits 31:24) in /proc/cpuinfo, as lscpu names them.</summary>
public static class ArmImplementer
{
    private static readonly Dictionary<int, string> Names = new()
    {
        [0x41] = "ARM", [0x42] = "Broadcom", [0x43] = "Cavium", [0x46] = "Fujitsu", [0x48] = "HiSilicon",
        [0x4e] = "NVIDIA", [0x50] = "APM", [0x51] = "Qualcomm", [0x53] = "Samsung", [0x61] = "Apple",
        [0x6d] = "Microsoft", [0xc0] = "Ampere",
    };

    /// <summary>"0x41" → "ARM"; a code without a known name is returned as written.</summary>
    public static string Name(string code)
    {
        var hex = code.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? code[2..] : code;
        return int.TryParse(hex, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && Names.TryGetValue(value, out var name) ? name : code;
    }
}
