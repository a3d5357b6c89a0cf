using AiTune.Inspection.Accelerators;
using AiTune.Profiles;

namespace AiTune.Audit.Rules;

/// <summary>GPUs and other AI accelerators: drivers, firmware, NUMA locality, the IOMMU. The ids say GPU because the
/// rules were written for GPUs first; they stay stable.</summary>
public static class GpuRules
{
    public static IEnumerable<Rule> All =>
    [
        new CheckRule("GPU001", Category.Gpu, "Every accelerator has its vendor's compute driver", Severity.Critical,
            "CUDA needs the nvidia module, ROCm needs amdgpu, oneAPI needs i915 or xe, Gaudi's SynapseAI needs habanalabs, OpenVINO on an " +
            "Intel NPU needs intel_vpu, AMD's NPU needs amdxdna, Qualcomm Cloud AI needs qaic. An accelerator left to nouveau, bound to " +
            "vfio-pci for a VM, or with no driver at all is invisible to the serving stack. Display adapters of BMCs and VMs are not accelerators.",
            "NVIDIA driver installation guide; ROCm installation guide; Intel Gaudi installation guide; Documentation/accel", "all", Drivers),
        new CheckRule("GPU002", Category.Gpu, "The NVIDIA kernel module is loaded", Severity.High,
            "/proc/driver/nvidia/version exists once the nvidia module is loaded; its version must match the user-space driver and CUDA " +
            "runtime the containers ship.",
            "NVIDIA driver README", "all", NvidiaModule),
        new CheckRule("GPU003", Category.Gpu, "Accelerator NUMA locality is known", Severity.Medium,
            "On a multi-socket host each GPU or accelerator hangs off one socket's PCIe root. Workers pinned to that node's CPUs and memory " +
            "avoid the socket interconnect on every host-device copy (torchrun --numa-binding, vLLM NUMA binding). The firmware must report it.",
            "PyTorch elastic NUMA binding; TensorRT-LLM CPU affinity guide", "all", Locality),
        new CheckRule("GPU004", Category.Gpu, "The IOMMU mode allows accelerator peer-to-peer", Severity.Medium,
            "With IOMMU translation every peer-to-peer DMA between GPUs (and GPUDirect RDMA/Storage) is remapped or routed through the root " +
            "complex: NVIDIA documents P2P as unsupported with the IOMMU on for bare-metal PCIe systems and recommends iommu=pt; AMD recommends " +
            "iommu=pt for MI300X. Hardening baselines want strict translation: a real trade-off. NPUs and integrated GPUs do no peer-to-peer.",
            "NVIDIA NCCL troubleshooting; NVIDIA NIM multi-GPU; AMD MI300X system optimization; kernel-hardening-checker", "all", IommuForP2p),
        new CheckRule("GPU005", Category.Gpu, "amdgpu reports VRAM", Severity.Low,
            "amdgpu exposes mem_info_vram_total once the device is initialised; a missing value means the driver did not finish probing " +
            "(firmware missing, unsupported board).",
            "Documentation/gpu/amdgpu/driver-misc.rst", "all", AmdVram),
        new CheckRule("GPU006", Category.Gpu, "Accelerator firmware is installed", Severity.High,
            "Gaudi's habanalabs driver loads its boot and runtime firmware from /lib/firmware/habanalabs/ (gaudi2/gaudi2-fit.itb …), the " +
            "Intel NPU's intel_vpu from /lib/firmware/intel/vpu/; without it the driver binds but the device never comes up.",
            "Intel Gaudi installation guide (habanalabs-firmware); Documentation/accel/habanalabs; linux-firmware intel/vpu", "all", Firmware),
    ];

    private static Verdict? Drivers(AuditContext context)
    {
        var accelerators = context.Accelerators;
        const string expected = AcceleratorDrivers.Summary;
        if (context.AcceleratorsUnknown is { } unknown)
        {
            return Verdict.Unknown(unknown, expected);
        }

        if (accelerators.Count == 0)
        {
            return Verdict.NotApplicable(NoAccelerator(context), expected);
        }

        var bad = new List<string>();
        var good = new List<string>();
        foreach (var accelerator in accelerators)
        {
            var driver = accelerator.Driver.TryGet(out var name) ? name : "no driver";
            var wanted = AcceleratorDrivers.Expected(accelerator);
            var ok = wanted is null ? name is not null && name != "vfio-pci" : wanted.Contains(driver);
            (ok ? good : bad).Add($"{accelerator.Vendor} {accelerator.Kind} {accelerator.PciAddress}: {driver}");
        }

        if (bad.Count == 0)
        {
            return Verdict.Pass(string.Join("; ", good), expected);
        }

        var note = bad.Any(b => b.EndsWith("vfio-pci", StringComparison.Ordinal)) ? "vfio-pci: the device is reserved for passthrough to a virtual machine" :
            bad.Any(b => b.EndsWith("nouveau", StringComparison.Ordinal)) ? "nouveau has no CUDA: blacklist it and install the NVIDIA driver" : null;
        return Verdict.Fail(string.Join("; ", bad.Concat(good)), expected,
            new Fix("modprobe the vendor driver (nvidia, amdgpu, habanalabs, intel_vpu …); check dmesg for probe errors",
                "install the vendor driver package (DKMS builds it for each kernel) and blacklist nouveau in /etc/modprobe.d"), note);
    }

    private static Verdict? NvidiaModule(AuditContext context)
    {
        if (context.AcceleratorsUnknown is { } unknown)
        {
            return Verdict.Unknown(unknown, "the nvidia module loaded");
        }

        if (!context.Accelerators.Any(g => g.Vendor == "nvidia"))
        {
            return Verdict.NotApplicable("no NVIDIA GPU");
        }

        const string expected = "the nvidia module loaded";
        var version = context.Facts.Iommu.NvidiaDriverVersion;
        return version.TryGet(out var text)
            ? Verdict.Pass($"driver {text}", expected)
            : version.Reason!.Kind == Facts.UnknownKind.Absent
                ? Verdict.Fail("not loaded (/proc/driver/nvidia/version absent)", expected, new Fix("modprobe nvidia", "install the NVIDIA driver for this kernel (DKMS) and enable nvidia-persistenced"))
                : Verdict.Unknown(version.Reason!, expected);
    }

    private static Verdict? Locality(AuditContext context)
    {
        var facts = context.Facts;
        const string expected = "every accelerator reports its NUMA node";
        var accelerators = context.Accelerators;
        if (context.AcceleratorsUnknown is { } unknownAccelerators)
        {
            return Verdict.Unknown(unknownAccelerators, expected);
        }

        if (accelerators.Count == 0)
        {
            return Verdict.NotApplicable("no accelerator", expected);
        }

        if (!facts.Memory.NumaNodes.TryGet(out var nodes) || nodes.Count < 2)
        {
            return Verdict.NotApplicable("one NUMA node: every accelerator is local", expected);
        }

        var unknown = accelerators.Where(g => !g.NumaNode.TryGet(out var n) || n < 0).ToList();
        var known = accelerators.Except(unknown).Select(g => $"{g.PciAddress} on node {g.NumaNode.Value}" +
            (g.LocalCpuList.TryGet(out var cpus) ? $" (CPUs {cpus})" : "")).ToList();
        if (unknown.Count == 0)
        {
            var first = accelerators[0];
            return Verdict.Pass(string.Join("; ", known), expected,
                $"pin each accelerator's workers to its node, e.g. numactl --cpunodebind={first.NumaNode.Value} --membind={first.NumaNode.Value}");
        }

        return Verdict.Warn(string.Join("; ", unknown.Select(g => $"{g.PciAddress}: numa_node -1").Concat(known)), expected,
            new Fix("nvidia-smi topo -m (or lstopo) shows the topology; pin by hand", "enable NUMA reporting (ACPI SRAT/_PXM, 'NUMA nodes per socket') in the firmware"));
    }

    private static Verdict? IommuForP2p(AuditContext context)
    {
        var facts = context.Facts;
        var hardened = context.Profile.Hardened;
        var expected = hardened ? "a deliberate choice: strict translation (hardened) or iommu=pt (GPU peer-to-peer)" : "passthrough (iommu=pt) or off";
        if (context.AcceleratorsUnknown is { } unknownAccelerators)
        {
            return Verdict.Unknown(unknownAccelerators, expected);
        }

        var peers = context.Accelerators.Where(DoesPeerToPeer).ToList();
        if (peers.Count == 0)
        {
            return Verdict.NotApplicable(context.Accelerators.Count == 0
                ? "no accelerator"
                : "no accelerator that does peer-to-peer or GPUDirect (NPUs and integrated GPUs do not)", expected);
        }

        var iommu = facts.Iommu;
        if (!iommu.Mode.TryGet(out var mode))
        {
            return Verdict.Unknown(iommu.Mode.Reason!, expected);
        }

        var current = $"{mode} ({iommu.Evidence})";
        var multiple = peers.Count > 1;
        if (mode is "passthrough" or "off")
        {
            return hardened
                ? Verdict.Warn(current, expected, KnobFixes.KernelParameter("iommu.strict=1 iommu.passthrough=0"),
                    "conflict: GPU peer-to-peer wants passthrough, hardening wants DMA translation; this host chose P2P speed")
                : Verdict.Pass(current, expected);
        }

        if (hardened)
        {
            return Verdict.Pass(current, expected, "conflict: strict translation protects memory from DMA but costs GPU peer-to-peer and GPUDirect performance");
        }

        var note = multiple ? "peer-to-peer between these accelerators is remapped or unsupported" : "one accelerator: affects GPUDirect RDMA/Storage rather than P2P";
        return new Verdict(FindingStatus.Warn, current, expected, note,
            KnobFixes.KernelParameter(facts.Cpu.Vendor.GetValueOrDefault("") == "GenuineIntel" ? "intel_iommu=on iommu=pt" : "iommu=pt"),
            multiple ? null : Severity.Low);
    }

    /// <summary>NPUs sit inside a client CPU and Intel's integrated GPU at 00:02.0 shares the CPU's memory: neither does
    /// peer-to-peer DMA nor GPUDirect, so the IOMMU mode costs them nothing.</summary>
    private static bool DoesPeerToPeer(Accelerator accelerator) =>
        accelerator.Kind != AcceleratorKinds.Npu
        && !(accelerator.Vendor == "intel" && accelerator.Kind == AcceleratorKinds.Gpu && accelerator.PciAddress.EndsWith(":00:02.0", StringComparison.Ordinal));

    private static Verdict? AmdVram(AuditContext context)
    {
        var amd = context.Accelerators.Where(g => g.Vendor == "amd" && g.Driver.GetValueOrDefault("") == "amdgpu").ToList();
        const string expected = "VRAM size reported";
        if (amd.Count == 0)
        {
            return Verdict.NotApplicable("no AMD GPU with amdgpu", expected);
        }

        var missing = amd.Where(g => !g.MemoryBytes.IsKnown).ToList();
        var current = string.Join("; ", amd.Select(g => $"{g.PciAddress}: " + (g.MemoryBytes.TryGet(out var v) ? Units.ByteSize.Format(v) : "unknown")));
        return missing.Count == 0
            ? Verdict.Pass(current, expected)
            : Verdict.Warn(current, expected, new Fix("dmesg | grep amdgpu", "install the firmware package (linux-firmware) matching the GPU"));
    }

    private static Verdict? Firmware(AuditContext context)
    {
        const string expected = "the driver's firmware files present";
        if (context.AcceleratorsUnknown is { } unknown)
        {
            return Verdict.Unknown(unknown, expected);
        }

        var needing = context.Accelerators.Where(a => a.Firmware is not null).ToList();
        if (needing.Count == 0)
        {
            return Verdict.NotApplicable(context.Accelerators.Count == 0
                ? "no accelerator"
                : "no accelerator whose firmware aitune checks (Gaudi, Intel NPU)", expected);
        }

        var missing = new List<string>();
        var present = new List<string>();
        foreach (var accelerator in needing)
        {
            var firmware = accelerator.Firmware!;
            if (!firmware.Files.TryGet(out var files))
            {
                return Verdict.Unknown(firmware.Files.Reason!, expected);
            }

            (files.Count == 0 ? missing : present).Add(files.Count == 0
                ? $"{accelerator.PciAddress}: {firmware.Directory} empty or absent"
                : $"{accelerator.PciAddress}: {files.Count} file(s) in {firmware.Directory}");
        }

        return missing.Count == 0
            ? Verdict.Pass(string.Join("; ", present), expected)
            : Verdict.Fail(string.Join("; ", missing.Concat(present)), expected,
                new Fix("dmesg | grep -i firmware", "install the firmware package: habanalabs-firmware (Intel Gaudi software stack) or linux-firmware (intel/vpu), then reload the driver"));
    }

    /// <summary>Why no accelerator rule applies: said with the display adapters that were set aside, so a BMC's VGA is
    /// seen to be known and not mistaken for a missing GPU.</summary>
    private static string NoAccelerator(AuditContext context)
    {
        var displays = context.Facts.DisplayAdapters.GetValueOrDefault([]);
        return displays.Count == 0
            ? "no accelerator on the PCI bus: CPU-only host"
            : $"no accelerator on the PCI bus: CPU-only host ({displays.Count} display adapter(s), not accelerators: {string.Join("; ", displays.Select(d => d.Reason))})";
    }
}
