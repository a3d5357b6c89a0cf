namespace AiTune.Audit.Rules;

/// <summary>GPUs: drivers, NUMA locality, the IOMMU.</summary>
public static class GpuRules
{
    public static IEnumerable<Rule> All =>
    [
        new CheckRule("GPU001", Category.Gpu, "Every GPU has its vendor's compute driver", Severity.Critical,
            "CUDA needs the nvidia module, ROCm needs amdgpu, oneAPI needs i915 or xe. A GPU left to nouveau, bound to vfio-pci for a VM, " +
            "or with no driver at all is invisible to the serving stack.",
            "NVIDIA driver installation guide; ROCm installation guide", "all", Drivers),
        new CheckRule("GPU002", Category.Gpu, "The NVIDIA kernel module is loaded", Severity.High,
            "/proc/driver/nvidia/version exists once the nvidia module is loaded; its version must match the user-space driver and CUDA " +
            "runtime the containers ship.",
            "NVIDIA driver README", "all", NvidiaModule),
        new CheckRule("GPU003", Category.Gpu, "GPU NUMA locality is known", Severity.Medium,
            "On a multi-socket host each GPU hangs off one socket's PCIe root. Workers pinned to that node's CPUs and memory avoid the " +
            "socket interconnect on every host-device copy (torchrun --numa-binding, vLLM NUMA binding). The firmware must report it.",
            "PyTorch elastic NUMA binding; TensorRT-LLM CPU affinity guide", "all", Locality),
        new CheckRule("GPU004", Category.Gpu, "The IOMMU mode allows GPU peer-to-peer", Severity.Medium,
            "With IOMMU translation every peer-to-peer DMA between GPUs (and GPUDirect RDMA/Storage) is remapped or routed through the root " +
            "complex: NVIDIA documents P2P as unsupported with the IOMMU on for bare-metal PCIe systems and recommends iommu=pt; AMD recommends " +
            "iommu=pt for MI300X. Hardening baselines want strict translation: a real trade-off.",
            "NVIDIA NCCL troubleshooting; NVIDIA NIM multi-GPU; AMD MI300X system optimization; kernel-hardening-checker", "all", IommuForP2p),
        new CheckRule("GPU005", Category.Gpu, "amdgpu reports VRAM", Severity.Low,
            "amdgpu exposes mem_info_vram_total once the device is initialised; a missing value means the driver did not finish probing " +
            "(firmware missing, unsupported board).",
            "Documentation/gpu/amdgpu/driver-misc.rst", "all", AmdVram),
    ];

    private static Verdict? Drivers(AuditContext context)
    {
        var gpus = context.Gpus;
        const string expected = "nvidia for NVIDIA, amdgpu for AMD, i915/xe for Intel";
        if (context.GpusUnknown is { } unknown)
        {
            return Verdict.Unknown(unknown, expected);
        }
        if (gpus.Count == 0)
        {
            return Verdict.NotApplicable("no GPU on the PCI bus: CPU-only host", expected);
        }

        var bad = new List<string>();
        var good = new List<string>();
        foreach (var gpu in gpus)
        {
            var driver = gpu.Driver.TryGet(out var name) ? name : "no driver";
            var ok = (gpu.Vendor, driver) switch
            {
                ("nvidia", "nvidia") => true,
                ("amd", "amdgpu") => true,
                ("intel", "i915" or "xe") => true,
                _ => false,
            };
            (ok ? good : bad).Add($"{gpu.Vendor} {gpu.PciAddress}: {driver}");
        }

        if (bad.Count == 0)
        {
            return Verdict.Pass(string.Join("; ", good), expected);
        }

        var note = bad.Any(b => b.EndsWith("vfio-pci", StringComparison.Ordinal)) ? "vfio-pci: the GPU is reserved for passthrough to a virtual machine" :
            bad.Any(b => b.EndsWith("nouveau", StringComparison.Ordinal)) ? "nouveau has no CUDA: blacklist it and install the NVIDIA driver" : null;
        return Verdict.Fail(string.Join("; ", bad.Concat(good)), expected,
            new Fix("modprobe nvidia (or amdgpu); check dmesg for probe errors", "install the vendor driver package (DKMS builds it for each kernel) and blacklist nouveau in /etc/modprobe.d"), note);
    }

    private static Verdict? NvidiaModule(AuditContext context)
    {
        if (context.GpusUnknown is { } unknown)
        {
            return Verdict.Unknown(unknown, "the nvidia module loaded");
        }

        if (!context.Gpus.Any(g => g.Vendor == "nvidia"))
        {
            return Verdict.NotApplicable("no NVIDIA GPU");
        }

        const string expected = "the nvidia module loaded";
        var version = context.Facts.Iommu.NvidiaDriverVersion;
        return version.TryGet(out var text)
            ? Verdict.Pass($"driver {text}", expected)
            : version.Reason!.Kind == Inspection.UnknownKind.Absent
                ? Verdict.Fail("not loaded (/proc/driver/nvidia/version absent)", expected, new Fix("modprobe nvidia", "install the NVIDIA driver for this kernel (DKMS) and enable nvidia-persistenced"))
                : Verdict.Unknown(version.Reason!, expected);
    }

    private static Verdict? Locality(AuditContext context)
    {
        var facts = context.Facts;
        const string expected = "every GPU reports its NUMA node";
        var gpus = context.Gpus;
        if (context.GpusUnknown is { } unknownGpus)
        {
            return Verdict.Unknown(unknownGpus, expected);
        }

        if (gpus.Count == 0)
        {
            return Verdict.NotApplicable("no GPU", expected);
        }

        if (!facts.Memory.NumaNodes.TryGet(out var nodes) || nodes.Count < 2)
        {
            return Verdict.NotApplicable("one NUMA node: every GPU is local", expected);
        }

        var unknown = gpus.Where(g => !g.NumaNode.TryGet(out var n) || n < 0).ToList();
        var known = gpus.Except(unknown).Select(g => $"{g.PciAddress} on node {g.NumaNode.Value}" +
            (g.LocalCpuList.TryGet(out var cpus) ? $" (CPUs {cpus})" : "")).ToList();
        if (unknown.Count == 0)
        {
            var first = gpus[0];
            return Verdict.Pass(string.Join("; ", known), expected,
                $"pin each GPU's workers to its node, e.g. numactl --cpunodebind={first.NumaNode.Value} --membind={first.NumaNode.Value}");
        }

        return Verdict.Warn(string.Join("; ", unknown.Select(g => $"{g.PciAddress}: numa_node -1").Concat(known)), expected,
            new Fix("nvidia-smi topo -m (or lstopo) shows the topology; pin by hand", "enable NUMA reporting (ACPI SRAT/_PXM, 'NUMA nodes per socket') in the firmware"));
    }

    private static Verdict? IommuForP2p(AuditContext context)
    {
        var facts = context.Facts;
        var hardened = context.Profile.Hardened;
        var expected = hardened ? "a deliberate choice: strict translation (hardened) or iommu=pt (GPU peer-to-peer)" : "passthrough (iommu=pt) or off";
        if (context.GpusUnknown is { } unknownGpus)
        {
            return Verdict.Unknown(unknownGpus, expected);
        }

        if (context.Gpus.Count == 0)
        {
            return Verdict.NotApplicable("no GPU", expected);
        }

        var iommu = facts.Iommu;
        if (!iommu.Mode.TryGet(out var mode))
        {
            return Verdict.Unknown(iommu.Mode.Reason!, expected);
        }

        var current = $"{mode} ({iommu.Evidence})";
        var multiGpu = context.Gpus.Count > 1;
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

        var note = multiGpu ? "peer-to-peer between these GPUs is remapped or unsupported" : "one GPU: affects GPUDirect RDMA/Storage rather than P2P";
        return new Verdict(FindingStatus.Warn, current, expected, note,
            KnobFixes.KernelParameter(facts.Cpu.Vendor.GetValueOrDefault("") == "GenuineIntel" ? "intel_iommu=on iommu=pt" : "iommu=pt"),
            multiGpu ? null : Severity.Low);
    }

    private static Verdict? AmdVram(AuditContext context)
    {
        var amd = context.Gpus.Where(g => g.Vendor == "amd" && g.Driver.GetValueOrDefault("") == "amdgpu").ToList();
        const string expected = "VRAM size reported";
        if (amd.Count == 0)
        {
            return Verdict.NotApplicable("no AMD GPU with amdgpu", expected);
        }

        var missing = amd.Where(g => !g.VramTotalBytes.IsKnown).ToList();
        var current = string.Join("; ", amd.Select(g => $"{g.PciAddress}: " + (g.VramTotalBytes.TryGet(out var v) ? Units.ByteSize.Format(v) : "unknown")));
        return missing.Count == 0
            ? Verdict.Pass(current, expected)
            : Verdict.Warn(current, expected, new Fix("dmesg | grep amdgpu", "install the firmware package (linux-firmware) matching the GPU"));
    }
}
