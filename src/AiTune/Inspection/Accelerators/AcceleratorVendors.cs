namespace AiTune.Inspection.Accelerators;

/// <summary>PCI vendor ids of the makers of compute devices and of the usual server and VM display adapters, and the
/// names aitune gives them.</summary>
public static class AcceleratorVendors
{
    public const string NvidiaId = "0x10de";
    public const string AmdId = "0x1002";
    public const string AmdCpuId = "0x1022";
    public const string IntelId = "0x8086";
    public const string HabanaId = "0x1da3";
    public const string QualcommId = "0x17cb";
    public const string GoogleId = "0x1ae0";
    public const string CoralId = "0x1ac1";

    /// <summary>nvidia, amd, intel, aspeed …; the id itself for a vendor aitune does not know.</summary>
    public static string Name(string vendorId) => vendorId switch
    {
        NvidiaId => "nvidia",
        AmdId or AmdCpuId => "amd",
        IntelId => "intel",
        HabanaId => "habana",
        QualcommId => "qualcomm",
        GoogleId => "google",
        CoralId => "coral",
        "0x1a03" => "aspeed",
        "0x102b" => "matrox",
        "0x1234" => "qemu",
        "0x1013" => "cirrus",
        "0x1af4" or "0x1b36" => "redhat",
        "0x15ad" => "vmware",
        "0x1414" => "microsoft",
        "0x80ee" => "virtualbox",
        _ => vendorId,
    };

    /// <summary>The vendors whose display-class devices are compute GPUs (CUDA, ROCm, oneAPI).</summary>
    public static bool MakesComputeGpus(string? vendorId) => vendorId is NvidiaId or AmdId or IntelId;
}
