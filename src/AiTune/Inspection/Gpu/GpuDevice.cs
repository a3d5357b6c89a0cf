namespace AiTune.Inspection.Gpu;

/// <summary>A display or 3D controller on the PCI bus (class 0x03xxxx).</summary>
/// <param name="PciAddress">"0000:41:00.0".</param>
/// <param name="Vendor">nvidia, amd, intel, or the vendor id for others; "unknown" when the vendor file cannot be read.</param>
/// <param name="VendorId">"0x10de"; "unknown" when the vendor file cannot be read.</param>
/// <param name="DeviceId">"0x2330".</param>
/// <param name="ClassCode">"0x030200".</param>
/// <param name="Driver">The bound driver (nvidia, amdgpu, i915, xe, nouveau, vfio-pci …); unknown/absent when none is bound.</param>
/// <param name="NumaNode">numa_node; -1 means the firmware did not say.</param>
/// <param name="LocalCpuList">local_cpulist: the CPUs closest to the device.</param>
/// <param name="IommuGroup">The IOMMU group number; absent without an active IOMMU.</param>
/// <param name="BusyPercent">amdgpu gpu_busy_percent; absent for other drivers (as are the two VRAM files).</param>
/// <param name="VramTotalBytes">amdgpu mem_info_vram_total.</param>
/// <param name="VramUsedBytes">amdgpu mem_info_vram_used.</param>
/// <param name="NvidiaModel">Model from /proc/driver/nvidia/gpus/ADDRESS/information.</param>
public sealed record GpuDevice(
    string PciAddress,
    string Vendor,
    string VendorId,
    Fact<string> DeviceId,
    Fact<string> ClassCode,
    Fact<string> Driver,
    Fact<int> NumaNode,
    Fact<string> LocalCpuList,
    Fact<int> IommuGroup,
    Fact<long> BusyPercent,
    Fact<long> VramTotalBytes,
    Fact<long> VramUsedBytes,
    Fact<string> NvidiaModel);
