using AiTune.Inspection;
using AiTune.Inspection.Cgroups;
using AiTune.Units;

namespace AiTune.Audit.Rules;

/// <summary>cgroups and resource limits: isolating AI processes and letting them pin memory.</summary>
public static class CgroupRules
{
    private const string CgroupDoc = "Documentation/admin-guide/cgroup-v2.rst";

    public static IEnumerable<Rule> All =>
    [
        new CheckRule("CGR001", Category.Cgroups, "cgroups run the unified (v2) hierarchy", Severity.Medium,
            "cgroup v2 gives one hierarchy with memory.high throttling, per-cgroup pressure (PSI), and safe delegation; Kubernetes has put " +
            "v1 in maintenance and systemd is removing it. A hybrid or v1 host cannot isolate an inference server's memory and I/O the modern way.",
            CgroupDoc + "; Kubernetes cgroup v2 docs", "all", Version),
        new CheckRule("CGR002", Category.Cgroups, "The controllers AI isolation needs are available", Severity.Medium,
            "Isolating an inference or training process needs the cpu and cpuset controllers (pin to the GPU's cores), memory (limits, " +
            "memory.high), io (weights and checkpoints) and hugetlb (huge page limits) at the root of the hierarchy.",
            CgroupDoc, "all", Controllers),
        new CheckRule("CGR003", Category.Cgroups, "Pressure stall information is available", Severity.Low,
            "PSI (/proc/pressure, cgroup *.pressure) measures time lost waiting for CPU, memory and I/O: the signal that tells a saturated " +
            "host from a slow model. Some kernels build it disabled by default (CONFIG_PSI_DEFAULT_DISABLED) and need psi=1.",
            "Documentation/accounting/psi.rst", "all", Psi),
        new CheckRule("CGR004", Category.Cgroups, "The memory-lock limit lets the server pin the model and accelerator DMA buffers", Severity.Medium,
            "llama.cpp --mlock, Triton and RDMA stacks pin memory with mlock; RLIMIT_MEMLOCK (8 MiB by default) makes that fail and the " +
            "weights stay swappable. Intel Gaudi pins host memory for every DMA and Habana documents `ulimit -l unlimited` for training " +
            "and inference alike. Services need LimitMEMLOCK in their unit, containers --ulimit memlock=-1.",
            "getrlimit(2); llama.cpp --mlock; Triton deployment docs; Intel Gaudi installation guide", "inference profiles; every profile on a Gaudi host", Memlock),
    ];

    private static Verdict? Version(AuditContext context)
    {
        var version = context.Facts.Cgroups.Version;
        const string expected = "v2 (unified)";
        if (!version.TryGet(out var value))
        {
            return Verdict.Unknown(version.Reason!, expected);
        }

        var fix = new Fix(null, "boot with systemd.unified_cgroup_hierarchy=1 (and drop systemd.legacy_systemd_cgroup_controller), run update-grub and reboot");
        return value switch
        {
            CgroupVersion.V2 => Verdict.Pass("v2", expected),
            CgroupVersion.Hybrid => Verdict.Warn("hybrid (v1 controllers, v2 for systemd only)", expected, fix),
            _ => Verdict.Warn("v1", expected, fix),
        };
    }

    private static Verdict? Controllers(AuditContext context)
    {
        var cgroups = context.Facts.Cgroups;
        string[] needed = ["cpu", "cpuset", "memory", "io", "hugetlb"];
        var expected = string.Join(", ", needed);
        IReadOnlyList<string> available;
        if (cgroups.Version.TryGet(out var version) && version == CgroupVersion.V2)
        {
            if (!cgroups.V2Controllers.TryGet(out var controllers))
            {
                return Verdict.Unknown(cgroups.V2Controllers.Reason!, expected);
            }

            available = controllers;
        }
        else if (cgroups.Version.IsKnown)
        {
            // v1 names the io controller blkio.
            available = cgroups.Mounts.SelectMany(m => m.Controllers).Select(c => c == "blkio" ? "io" : c).Distinct().ToList();
        }
        else
        {
            return Verdict.Unknown(cgroups.Version.Reason!, expected);
        }

        var missing = needed.Where(n => !available.Contains(n)).ToList();
        var current = string.Join(" ", available);
        return missing.Count == 0
            ? Verdict.Pass(current, expected)
            : Verdict.Warn(current.Length == 0 ? "none" : current, expected,
                new Fix(null, "a kernel built with the missing controllers (CONFIG_CGROUP_HUGETLB, CONFIG_CPUSETS, CONFIG_BLK_CGROUP …)"),
                "missing: " + string.Join(", ", missing));
    }

    private static Verdict? Psi(AuditContext context)
    {
        var psi = context.Facts.Cgroups.PsiAvailable;
        const string expected = "/proc/pressure/{cpu,memory,io} readable";
        if (!psi.TryGet(out var available))
        {
            return Verdict.Unknown(psi.Reason!, expected);
        }

        return available
            ? Verdict.Pass("available", expected)
            : Verdict.Warn("not available", expected, KnobFixes.KernelParameter("psi=1"), "needs CONFIG_PSI; psi=1 enables it where the build disables it by default");
    }

    private static Verdict? Memlock(AuditContext context)
    {
        // Gaudi pins host memory for its DMA whatever the workload: its vendor asks for an unlimited limit.
        var pinning = context.Accelerators.Where(a => a.Vendor == "habana").Select(a => $"Gaudi {a.PciAddress}").ToList();
        if (!context.Profile.IsInference && pinning.Count == 0)
        {
            return null;
        }

        var memory = context.Facts.Memory;
        var model = context.Model;
        var expected = pinning.Count > 0 ? $"unlimited ({string.Join(", ", pinning)}: Habana documents ulimit -l unlimited)"
            : model is null ? "unlimited (or at least the model's size)" : $">= {ByteSize.Format(model.TensorBytes)} (the model)";
        if (!memory.MemlockLimit.TryGet(out var limit))
        {
            return Verdict.Unknown(memory.MemlockLimit.Reason!, expected);
        }

        var configured = memory.MemlockConfigured.Count == 0 ? "" :
            "; limits.conf: " + string.Join(", ", memory.MemlockConfigured.Select(e => $"{e.Domain} {e.Type} {(e.Value is { } v ? ByteSize.Format(v * 1024) : "unlimited")} ({e.File}:{e.Line})"));
        var current = (limit.Soft is { } soft ? ByteSize.Format(soft) : "unlimited") + " for the process that ran aitune" + configured;
        var enough = limit.Soft is null || (pinning.Count == 0 && model is not null && limit.Soft >= model.TensorBytes);
        return enough
            ? Verdict.Pass(current, expected)
            : Verdict.Warn(current, expected,
                new Fix("ulimit -l unlimited (in the server's shell; raising the hard limit needs root)",
                    "/etc/security/limits.d/90-aitune.conf: \"* - memlock unlimited\" for login sessions; LimitMEMLOCK=infinity in the server's systemd unit; docker run --ulimit memlock=-1"),
                pinning.Count > 0 ? "the Gaudi runtime pins host memory for DMA and fails to map buffers under a limit"
                    : "needed only when the server pins weights (mlock, --mlock, RDMA registration)");
    }
}
