using AiTune.Inspection.Cgroups;
using AiTune.Profiles;
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

    /// <summary>Each controller CGR002 needs and the kernel option that builds it.</summary>
    private static readonly (string Controller, string Option)[] NeededControllers =
    [
        ("cpu", "CONFIG_CGROUP_SCHED"), ("cpuset", "CONFIG_CPUSETS"), ("memory", "CONFIG_MEMCG"), ("io", "CONFIG_BLK_CGROUP"),
        ("hugetlb", "CONFIG_CGROUP_HUGETLB"),
    ];

    private static Verdict? Controllers(AuditContext context)
    {
        var cgroups = context.Facts.Cgroups;
        var expected = string.Join(", ", NeededControllers.Select(n => n.Controller));
        if (!cgroups.Version.TryGet(out var version))
        {
            return Verdict.Unknown(cgroups.Version.Reason!, expected);
        }

        // v1 hierarchies name the io controller blkio. In hybrid mode a controller no v1 hierarchy holds is usable on
        // the cgroup2 mount (systemd's hybrid layout leaves hugetlb there on some hosts): both count.
        var v1 = cgroups.Mounts.SelectMany(m => m.Controllers).ToList().ConvertAll(c => c == "blkio" ? "io" : c);
        var available = new List<string>();
        if (version != CgroupVersion.V1)
        {
            if (!cgroups.V2Controllers.TryGet(out var controllers))
            {
                return Verdict.Unknown(cgroups.V2Controllers.Reason!, expected);
            }

            available.AddRange(controllers);
        }

        if (version != CgroupVersion.V2)
        {
            available.InsertRange(0, v1);
        }

        available = available.Distinct().ToList();
        var missing = NeededControllers.Where(n => !available.Contains(n.Controller)).ToList();
        var current = string.Join(" ", available);
        if (missing.Count == 0)
        {
            return Verdict.Pass(current, expected);
        }

        var kernel = context.Facts.Kernel;
        var disabled = kernel.Cmdline.TryGet(out var cmdline)
            ? cmdline.Parameters.Where(p => p.Name == "cgroup_disable").SelectMany(p => (p.Value ?? "").Split(',')).ToHashSet()
            : [];
        var notBuilt = missing.Where(m => kernel.IsEnabled(m.Option) is { IsKnown: true, Value: false }).ToList();
        var switchedOff = missing.Where(m => disabled.Contains(m.Controller)).ToList();
        var notes = missing.Select(m =>
            m.Controller + (notBuilt.Contains(m) ? $" (the kernel is built without {m.Option})"
                : switchedOff.Contains(m) ? " (cgroup_disable= on the command line)"
                : kernel.IsEnabled(m.Option) is { IsKnown: true, Value: true } ? $" ({m.Option} is built in, but no hierarchy holds it)"
                : "")).ToList();
        var remedies = new List<string>();
        if (switchedOff.Count > 0)
        {
            remedies.Add("remove cgroup_disable=" + string.Join(",", switchedOff.Select(m => m.Controller)) + " from the kernel command line, run update-grub and reboot");
        }

        if (notBuilt.Count > 0)
        {
            remedies.Add("a kernel built with " + string.Join(", ", notBuilt.Select(m => m.Option)));
        }

        var unexplained = missing.Except(notBuilt).Except(switchedOff).ToList();
        if (unexplained.Count > 0)
        {
            remedies.Add(version == CgroupVersion.V2
                ? "check that no v1 hierarchy holds " + string.Join(", ", unexplained.Select(m => m.Controller)) + " (a controller mounted as v1 leaves the v2 root) and that the kernel has " + string.Join(", ", unexplained.Select(m => m.Option))
                : "mount the " + string.Join(", ", unexplained.Select(m => m.Controller)) + " controller(s) (booting the unified hierarchy makes every built-in controller available), or use a kernel with " + string.Join(", ", unexplained.Select(m => m.Option)));
        }

        return Verdict.Warn(current.Length == 0 ? "none" : current, expected, new Fix(null, string.Join("; ", remedies)),
            "missing: " + string.Join(", ", notes));
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
        var pinning = context.Accelerators.Where(a => a.Vendor == "habana").ToList().ConvertAll(a => $"Gaudi {a.PciAddress}");
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
