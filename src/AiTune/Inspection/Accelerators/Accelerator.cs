using AiTune.Facts;

namespace AiTune.Inspection.Accelerators;

/// <summary>A GPU or other AI accelerator: a PCI device that runs compute for the serving or training stack.</summary>
/// <param name="PciAddress">"0000:98:00.0".</param>
/// <param name="Kind">gpu, npu, tpu or ai-accelerator (<see cref="AcceleratorKinds"/>).</param>
/// <param name="Vendor">nvidia, amd, intel, habana, qualcomm, google, or the vendor id for others; "unknown" when the vendor file cannot be read.</param>
/// <param name="VendorId">"0x10de"; "unknown" when the vendor file cannot be read.</param>
/// <param name="DeviceId">"0x2330".</param>
/// <param name="ClassCode">"0x030200" (display), "0x120000" (processing accelerator).</param>
/// <param name="Evidence">Why aitune counts it as an accelerator: the class, the driver, or /sys/class/accel.</param>
/// <param name="Model">What the driver calls it (NVIDIA's information file, amdgpu's product_name), else the PCI id.</param>
/// <param name="Driver">The bound driver (nvidia, amdgpu, i915, xe, habanalabs, intel_vpu, nouveau, vfio-pci …); unknown/absent when none is bound.</param>
/// <param name="NumaNode">numa_node; -1 means the firmware did not say.</param>
/// <param name="LocalCpuList">local_cpulist: the CPUs closest to the device.</param>
/// <param name="IommuGroup">The IOMMU group number; absent without an active IOMMU.</param>
/// <param name="DeviceNodes">/dev/nvidiaN, /dev/dri/renderDN, /dev/accel/accelN: what a process opens to use it.</param>
/// <param name="MemoryBytes">Device memory where the driver exposes it (amdgpu mem_info_vram_total); unknown otherwise.</param>
/// <param name="Firmware">The firmware directory its driver loads from and what it holds, for accelerators whose driver
/// needs firmware files aitune knows (Gaudi, Intel NPU); null for the others.</param>
public sealed record Accelerator(
    string PciAddress,
    string Kind,
    string Vendor,
    string VendorId,
    Fact<string> DeviceId,
    Fact<string> ClassCode,
    string Evidence,
    Fact<string> Model,
    Fact<string> Driver,
    Fact<int> NumaNode,
    Fact<string> LocalCpuList,
    Fact<int> IommuGroup,
    Fact<IReadOnlyList<string>> DeviceNodes,
    Fact<long> MemoryBytes,
    AcceleratorFirmware? Firmware);
