using AiTune.Facts;
using AiTune.Inspection.Virtualization;

namespace AiTune.Tests.Inspection.Virtualization;

public class HypervisorDetectorTests
{
    private static readonly string[] X86Guest = ["fpu", "vme", "sse2", "hypervisor", "avx2"];
    private static readonly string[] X86Metal = ["fpu", "vme", "sse2", "avx2"];

    private static Fact<T> Missing<T>(string path) => Fact.Unknown<T>(UnknownReason.Absent(path));

    private static Fact<T> Denied<T>(string path) => Fact.Unknown<T>(UnknownKind.PermissionDenied, $"permission denied reading {path} (needs root)");

    private static VirtualizationEvidence Evidence(string[]? flags = null, string? sysVendor = null, string? product = null,
        string? biosVendor = null, string? hypervisorType = null, string? xenCaps = null, Fact<string>? acpi = null, string? clocks = null) =>
        new(flags is null ? Missing<IReadOnlyList<string>>("/proc/cpuinfo") : flags,
            sysVendor is null ? Missing<string>("/sys/class/dmi/id/sys_vendor") : sysVendor,
            product is null ? Missing<string>("/sys/class/dmi/id/product_name") : product,
            Missing<string>("/sys/class/dmi/id/board_vendor"),
            biosVendor is null ? Missing<string>("/sys/class/dmi/id/bios_vendor") : biosVendor,
            hypervisorType is null ? Missing<string>("/sys/hypervisor/type") : hypervisorType,
            xenCaps is null ? Missing<string>("/proc/xen/capabilities") : xenCaps,
            acpi ?? Missing<string>("/sys/firmware/acpi/tables/FACP"),
            clocks is null ? Missing<IReadOnlyList<string>>("available_clocksource") : clocks.Split(' '));

    [Fact]
    public void A_firecracker_guest_read_as_root_is_kvm_with_the_monitor_named_by_its_acpi_oem_id()
    {
        var facts = HypervisorDetector.Detect(Evidence(X86Guest, acpi: "FIRECK", clocks: "tsc kvm-clock"));

        Assert.Equal(new VirtualizationFacts(true, "kvm", "cpuinfo flag hypervisor; ACPI OEM ID FIRECK (Firecracker, a monitor on KVM)"), facts);
    }

    [Fact]
    public void A_firecracker_guest_read_without_root_is_known_as_kvm()
    {
        var facts = HypervisorDetector.Detect(Evidence(X86Guest, acpi: Denied<string>("/sys/firmware/acpi/tables/FACP"), clocks: "tsc kvm-clock"));

        Assert.True(facts.IsVirtualMachine.Value);
        Assert.Equal("kvm", facts.Hypervisor.Value);
        Assert.Equal("cpuinfo flag hypervisor; clocksource kvm-clock available; the ACPI OEM ID that could name the VMM is unknown " +
            "(permission denied reading /sys/firmware/acpi/tables/FACP (needs root))", facts.Evidence);
    }

    [Fact]
    public void Qemu_with_kvm_acceleration_is_kvm_and_without_it_qemu()
    {
        var kvm = HypervisorDetector.Detect(Evidence(X86Guest, "QEMU", "Standard PC (Q35 + ICH9, 2009)", clocks: "kvm-clock tsc acpi_pm"));
        var tcg = HypervisorDetector.Detect(Evidence(X86Guest, "QEMU", "Standard PC (i440FX + PIIX, 1996)", clocks: "tsc acpi_pm"));

        Assert.Equal(new VirtualizationFacts(true, "kvm", "cpuinfo flag hypervisor; DMI sys_vendor QEMU; clocksource kvm-clock available"), kvm);
        Assert.Equal("qemu", tcg.Hypervisor.Value);
    }

    [Theory]
    [InlineData("VMware, Inc.", "VMware Virtual Platform", "vmware")]
    [InlineData("innotek GmbH", "VirtualBox", "virtualbox")]
    [InlineData("Microsoft Corporation", "Virtual Machine", "hyperv")]
    [InlineData("Xen", "HVM domU", "xen")]
    [InlineData("Amazon EC2", "m7i.2xlarge", "amazon")]
    [InlineData("Google", "Google Compute Engine", "google")]
    [InlineData("Cloud Hypervisor", "cloud-hypervisor", "cloud-hypervisor")]
    [InlineData("OpenStack Foundation", "OpenStack Nova", "kvm")]
    public void Dmi_names_the_hypervisor(string vendor, string product, string hypervisor)
    {
        var facts = HypervisorDetector.Detect(Evidence(X86Guest, vendor, product, clocks: "tsc"));

        Assert.True(facts.IsVirtualMachine.Value);
        Assert.Equal(hypervisor, facts.Hypervisor.Value);
    }

    [Fact]
    public void An_ec2_bare_metal_instance_is_not_a_virtual_machine()
    {
        var facts = HypervisorDetector.Detect(Evidence(X86Metal, "Amazon EC2", "i4i.metal", "Amazon EC2"));

        Assert.Equal(new VirtualizationFacts(false, "none", "no hypervisor flag in cpuinfo (x86); DMI sys_vendor Amazon EC2; amazon bare-metal instance"), facts);
    }

    [Fact]
    public void Bare_metal_x86_is_none()
    {
        var facts = HypervisorDetector.Detect(Evidence(X86Metal, "Supermicro", "SYS-421GE-TNRT", clocks: "tsc hpet acpi_pm"));

        Assert.Equal(new VirtualizationFacts(false, "none", "no hypervisor flag in cpuinfo (x86)"), facts);
    }

    [Fact]
    public void Xen_domU_and_dom0()
    {
        var domU = HypervisorDetector.Detect(Evidence(X86Guest, hypervisorType: "xen\n"));
        var dom0 = HypervisorDetector.Detect(Evidence(X86Guest, hypervisorType: "xen", xenCaps: "control_d\n"));

        Assert.Equal(("xen", true), (domU.Hypervisor.Value, domU.IsVirtualMachine.Value));
        Assert.Equal(("none", false), (dom0.Hypervisor.Value, dom0.IsVirtualMachine.Value));
    }

    [Fact]
    public void A_hypervisor_nothing_names_is_a_virtual_machine_of_unknown_kind()
    {
        var facts = HypervisorDetector.Detect(Evidence(X86Guest, acpi: "ALASKA", clocks: "tsc"));

        Assert.True(facts.IsVirtualMachine.Value);
        Assert.Equal(UnknownKind.Absent, facts.Hypervisor.Reason!.Kind);
        Assert.Equal("the CPU reports a hypervisor, but neither DMI (/sys/class/dmi/id/sys_vendor does not exist), the ACPI OEM ID (\"ALASKA\") nor the clock sources name it",
            facts.Hypervisor.Reason.Detail);
    }

    [Fact]
    public void Without_an_x86_flag_dmi_decides()
    {
        string[] arm = ["fp", "asimd", "evtstrm", "aes"];

        var arm64Metal = HypervisorDetector.Detect(Evidence(arm, "GIGABYTE", "R272-P30-JG"));
        var arm64Guest = HypervisorDetector.Detect(Evidence(arm, "Amazon EC2", "c7g.large"));
        var nothing = HypervisorDetector.Detect(Evidence(arm));

        Assert.Equal(("none", false), (arm64Metal.Hypervisor.Value, arm64Metal.IsVirtualMachine.Value));
        Assert.Equal(("amazon", true), (arm64Guest.Hypervisor.Value, arm64Guest.IsVirtualMachine.Value));
        Assert.False(nothing.IsVirtualMachine.IsKnown);
        Assert.False(nothing.Hypervisor.IsKnown);
    }
}
