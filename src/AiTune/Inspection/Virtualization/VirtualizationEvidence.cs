using AiTune.Facts;

namespace AiTune.Inspection.Virtualization;

/// <summary>What the host shows about running under a hypervisor, each piece read on its own so that a missing one
/// (no DMI in a Firecracker guest, ACPI tables readable only by root) leaves the others usable.</summary>
/// <param name="CpuFlags">The cpuinfo flags of the first CPU; x86 sets "hypervisor" in a guest (CPUID.1:ECX bit 31).</param>
/// <param name="SysVendor">/sys/class/dmi/id/sys_vendor.</param>
/// <param name="ProductName">/sys/class/dmi/id/product_name.</param>
/// <param name="BoardVendor">/sys/class/dmi/id/board_vendor.</param>
/// <param name="BiosVendor">/sys/class/dmi/id/bios_vendor.</param>
/// <param name="HypervisorType">/sys/hypervisor/type ("xen" under Xen).</param>
/// <param name="XenCapabilities">/proc/xen/capabilities ("control_d" in Xen's control domain, dom0).</param>
/// <param name="AcpiOemId">The OEM ID of the ACPI FADT (/sys/firmware/acpi/tables/FACP, root only).</param>
/// <param name="Clocksources">/sys/devices/system/clocksource/clocksource0/available_clocksource; kvm-clock exists only
/// under KVM, hyperv_clocksource_* only under Hyper-V.</param>
public sealed record VirtualizationEvidence(
    Fact<IReadOnlyList<string>> CpuFlags,
    Fact<string> SysVendor,
    Fact<string> ProductName,
    Fact<string> BoardVendor,
    Fact<string> BiosVendor,
    Fact<string> HypervisorType,
    Fact<string> XenCapabilities,
    Fact<string> AcpiOemId,
    Fact<IReadOnlyList<string>> Clocksources);
