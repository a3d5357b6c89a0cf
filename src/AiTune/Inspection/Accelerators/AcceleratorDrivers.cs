namespace AiTune.Inspection.Accelerators;

/// <summary>The compute driver each vendor's accelerators need: what CUDA, ROCm, oneAPI, SynapseAI, OpenVINO, the XDNA
/// runtime, the Qualcomm AIC SDK and libtpu open.</summary>
public static class AcceleratorDrivers
{
    /// <summary>The drivers that serve the accelerator's compute stack; null for a vendor aitune has no table for
    /// (any bound driver but vfio-pci then counts).</summary>
    public static IReadOnlyList<string>? Expected(Accelerator accelerator) => (accelerator.Vendor, accelerator.Kind) switch
    {
        ("nvidia", _) => ["nvidia"],
        ("amd", AcceleratorKinds.Npu) => ["amdxdna"],
        ("amd", _) => ["amdgpu"],
        ("intel", AcceleratorKinds.Npu) => ["intel_vpu"],
        ("intel", _) => ["i915", "xe"],
        ("habana", _) => ["habanalabs"],
        ("qualcomm", _) => ["qaic"],
        // Cloud TPU VMs hand the TPU to libtpu through vfio-pci (older images: the accel/gasket driver); Coral uses apex.
        ("google", _) => ["vfio-pci", "accel", "gasket"],
        ("coral", _) => ["apex", "gasket"],
        _ => null,
    };

    /// <summary>"nvidia for NVIDIA, amdgpu for AMD …", for the expected column.</summary>
    public const string Summary = "nvidia (NVIDIA), amdgpu (AMD GPU), i915/xe (Intel GPU), habanalabs (Gaudi), intel_vpu (Intel NPU), " +
        "amdxdna (AMD NPU), qaic (Qualcomm), vfio-pci/gasket (Google TPU)";
}
