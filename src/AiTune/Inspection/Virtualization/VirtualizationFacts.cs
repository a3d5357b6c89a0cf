using AiTune.Facts;

namespace AiTune.Inspection.Virtualization;

/// <summary>Whether the host is a virtual machine, and on which hypervisor.</summary>
/// <param name="IsVirtualMachine">The CPU reports the hypervisor flag, or DMI names a hypervisor.</param>
/// <param name="Hypervisor">kvm (also for Firecracker and QEMU with KVM), qemu (emulated), vmware, hyperv, xen, amazon, google, … ; "none" on bare metal.</param>
/// <param name="Evidence">What the answer rests on.</param>
public sealed record VirtualizationFacts(Fact<bool> IsVirtualMachine, Fact<string> Hypervisor, string Evidence);
