using AiTune.Facts;

namespace AiTune.Inspection.Virtualization;

/// <summary>Decides whether the host is a virtual machine and names the hypervisor, in the spirit of
/// systemd-detect-virt but from files only, so that it works on a snapshot as well as live. Best evidence first:
/// Xen's sysfs, then DMI (the names the VMM writes into SMBIOS), then the ACPI OEM ID (the only name a Firecracker
/// guest carries: it has no SMBIOS), then the paravirtual clock sources, then the bare CPU flag.</summary>
public static class HypervisorDetector
{
    /// <summary>DMI prefixes and the hypervisor they name (systemd's dmi_vendor_table, plus Google's and Microsoft's
    /// vendor strings). A cloud entry (amazon, google) names a bare-metal instance too, so it counts only when the CPU
    /// says "hypervisor".</summary>
    private static readonly (string Prefix, string Hypervisor)[] DmiVendors =
    [
        ("KVM", "kvm"), ("OpenStack", "kvm"), ("KubeVirt", "kvm"), ("Amazon EC2", "amazon"), ("QEMU", "qemu"),
        ("VMware", "vmware"), ("VMW", "vmware"), ("innotek GmbH", "virtualbox"), ("VirtualBox", "virtualbox"),
        ("Xen", "xen"), ("Bochs", "bochs"), ("Parallels", "parallels"), ("BHYVE", "bhyve"), ("Hyper-V", "hyperv"),
        ("Apple Virtualization", "apple"), ("Google Compute Engine", "google"), ("Google", "google"),
        ("Cloud Hypervisor", "cloud-hypervisor"),
    ];

    /// <summary>ACPI OEM IDs that virtual machine monitors write into their tables. Firecracker runs only on KVM and is
    /// named kvm, as a user who cannot read the (root-only) ACPI tables finds it from kvm-clock: the same host gets the
    /// same name whoever asks; the evidence keeps the monitor's name.</summary>
    private static readonly (string OemId, string Hypervisor)[] AcpiOems =
    [
        ("FIRECK", "kvm"), ("BOCHS", "qemu"), ("VBOX", "virtualbox"), ("VRTUAL", "hyperv"), ("AMAZON", "amazon"),
        ("Google", "google"),
    ];

    private static readonly string[] CloudsWithBareMetal = ["amazon", "google"];

    public static VirtualizationFacts Detect(VirtualizationEvidence evidence)
    {
        var notes = new List<string>();
        bool? flag = null;
        if (evidence.CpuFlags.TryGet(out var flags))
        {
            bool x86 = flags.Contains("fpu") || flags.Contains("sse2");
            if (flags.Contains("hypervisor"))
            {
                flag = true;
                notes.Add("cpuinfo flag hypervisor");
            }
            else if (x86)
            {
                flag = false;
                notes.Add("no hypervisor flag in cpuinfo (x86)");
            }
        }

        if (evidence.HypervisorType.TryGet(out var type) && type.Trim() == "xen")
        {
            if (evidence.XenCapabilities.TryGet(out var caps) && caps.Contains("control_d", StringComparison.Ordinal))
            {
                notes.Add("/sys/hypervisor/type xen with control_d in /proc/xen/capabilities: Xen's control domain (dom0)");
                return Answer(false, "none", notes);
            }

            notes.Add("/sys/hypervisor/type xen");
            return Answer(true, "xen", notes);
        }

        var dmi = FromDmi(evidence, notes);
        if (dmi is not null)
        {
            if (CloudsWithBareMetal.Contains(dmi) && flag == false)
            {
                notes.Add($"{dmi} bare-metal instance");
                return Answer(false, "none", notes);
            }

            return Answer(true, dmi is "qemu" or "kvm" ? RefineQemu(evidence, notes) ?? dmi : dmi, notes);
        }

        if (evidence.AcpiOemId.TryGet(out var oem))
        {
            var fromAcpi = AcpiOems.FirstOrDefault(a => a.OemId == oem).Hypervisor;
            if (fromAcpi is not null && !(CloudsWithBareMetal.Contains(fromAcpi) && flag == false))
            {
                notes.Add($"ACPI OEM ID {oem}" + (oem == "FIRECK" ? " (Firecracker, a monitor on KVM)" : ""));
                return Answer(true, fromAcpi == "qemu" ? RefineQemu(evidence, notes) ?? fromAcpi : fromAcpi, notes);
            }
        }

        if (flag != false && FromClocksource(evidence) is { } clock)
        {
            notes.Add($"clocksource {clock.Source} available");
            if (!evidence.AcpiOemId.IsKnown)
            {
                notes.Add($"the ACPI OEM ID that could name the VMM is unknown ({evidence.AcpiOemId.Reason})");
            }

            return Answer(true, clock.Hypervisor, notes);
        }

        if (flag == true)
        {
            return new VirtualizationFacts(true, Fact.Unknown<string>(UnknownKind.Absent,
                $"the CPU reports a hypervisor, but neither DMI ({Describe(evidence.SysVendor)}), the ACPI OEM ID " +
                $"({Describe(evidence.AcpiOemId)}) nor the clock sources name it"), string.Join("; ", notes));
        }

        if (flag == false)
        {
            return Answer(false, "none", notes);
        }

        // No usable CPU flag (unknown, or not x86): DMI that names no hypervisor points to bare metal.
        if (evidence.SysVendor.TryGet(out var vendor))
        {
            notes.Add($"DMI sys_vendor {vendor} names no hypervisor");
            return Answer(false, "none", notes);
        }

        var cpu = evidence.CpuFlags.IsKnown ? "the flags are not x86's" : evidence.CpuFlags.Reason!.Detail;
        var why = $"no CPU flag to go by ({cpu}) and no DMI ({Describe(evidence.SysVendor)})";
        return new VirtualizationFacts(Fact.Unknown<bool>(UnknownKind.Absent, why), Fact.Unknown<string>(UnknownKind.Absent, why),
            string.Join("; ", notes));
    }

    private static VirtualizationFacts Answer(bool isVm, string hypervisor, List<string> notes) =>
        new(isVm, hypervisor, string.Join("; ", notes));

    /// <summary>The first DMI field (product_name, sys_vendor, board_vendor, bios_vendor, as systemd orders them)
    /// that starts with a known hypervisor name; Hyper-V's own "Microsoft Corporation" / "Virtual Machine" pair too.</summary>
    private static string? FromDmi(VirtualizationEvidence evidence, List<string> notes)
    {
        var fields = new[]
        {
            ("product_name", evidence.ProductName), ("sys_vendor", evidence.SysVendor),
            ("board_vendor", evidence.BoardVendor), ("bios_vendor", evidence.BiosVendor),
        };
        foreach (var (name, fact) in fields)
        {
            if (!fact.TryGet(out var value))
            {
                continue;
            }

            var match = DmiVendors.FirstOrDefault(v => value.StartsWith(v.Prefix, StringComparison.Ordinal)).Hypervisor;
            if (match is not null)
            {
                notes.Add($"DMI {name} {value}");
                return match;
            }
        }

        if (evidence.SysVendor.GetValueOrDefault("") == "Microsoft Corporation" && evidence.ProductName.GetValueOrDefault("") == "Virtual Machine")
        {
            notes.Add("DMI Microsoft Corporation / Virtual Machine");
            return "hyperv";
        }

        return null;
    }

    /// <summary>QEMU's machine names say nothing of the accelerator: kvm-clock says KVM runs it.</summary>
    private static string? RefineQemu(VirtualizationEvidence evidence, List<string> notes)
    {
        if (evidence.Clocksources.TryGet(out var sources) && sources.Contains("kvm-clock"))
        {
            notes.Add("clocksource kvm-clock available");
            return "kvm";
        }

        return null;
    }

    private static (string Source, string Hypervisor)? FromClocksource(VirtualizationEvidence evidence)
    {
        if (!evidence.Clocksources.TryGet(out var sources))
        {
            return null;
        }

        foreach (var source in sources)
        {
            if (source == "kvm-clock")
            {
                return (source, "kvm");
            }

            if (source.StartsWith("hyperv_clocksource", StringComparison.Ordinal))
            {
                return (source, "hyperv");
            }

            if (source == "xen")
            {
                return (source, "xen");
            }
        }

        return null;
    }

    private static string Describe<T>(Fact<T> fact) => fact.IsKnown ? $"\"{fact.Value}\"" : fact.Reason!.Detail;
}
