using System.Text.RegularExpressions;
using AiTune.Inspection.Kernel;
using AiTune.Profiles;

namespace AiTune.Audit.Rules;

/// <summary>The kernel: flavor, support lifetime, preemption, taint, and build options no runtime setting can replace.</summary>
public static partial class KernelRules
{
    public static IEnumerable<Rule> All =>
    [
        new CheckRule("KRN001", Category.Kernel, "The kernel flavor suits the workload", Severity.Medium,
            "Kernel builds differ in what no setting changes later: preemption, timer frequency, scheduler patches and hardening. " +
            "Leading-edge kernels bring support for the newest accelerators; longterm kernels bring predictability; hardened builds " +
            "protect sensitive data at some cost; real-time builds bound latency at a cost in throughput.",
            "kernel.org releases; distribution kernel documentation; CachyOS kernel flavors", "all", FlavorAdvice),
        new CheckRule("KRN002", Category.Kernel, "The kernel branch is still maintained", Severity.High,
            "A kernel branch past its end of life gets no security or stability fixes. kernel.org maintains longterm branches for years " +
            "and stable branches for about three months; distribution kernels (Ubuntu, Debian, RHEL, SUSE) are maintained by the " +
            "distribution for the release's life, whatever kernel.org says of the branch.",
            "kernel.org/category/releases.html", "all", BranchSupport),
        new CheckRule("KRN003", Category.Kernel, "The preemption model suits the workload", Severity.Medium,
            "The preemption model decides how soon a woken thread (a request handler, a token streamer) gets a CPU from a busy one. " +
            "Full (or lazy) preemption bounds that wait for latency-sensitive serving; none or voluntary preemption favours throughput. " +
            "PREEMPT_DYNAMIC kernels choose at boot with preempt=.",
            "kernel/Kconfig.preempt; Documentation/admin-guide/kernel-parameters.txt (preempt=)", "all", PreemptionFit),
        new CheckRule("KRN004", Category.Kernel, "The kernel has not recorded errors (taint)", Severity.Medium,
            "The taint mask records events since boot. Proprietary (P), out-of-tree (O) and unsigned (E) modules are expected with NVIDIA " +
            "drivers; an oops (D), warning (W), machine check (M), bad page (B) or soft lockup (L) means the kernel already misbehaved and " +
            "results on this host are suspect until it is rebooted and the cause is found.",
            "Documentation/admin-guide/tainted-kernels.rst", "all", Taint),
        new CheckRule("KRN005", Category.Kernel, "The kernel is built with huge page support", Severity.High,
            "hugetlbfs (CONFIG_HUGETLBFS) and transparent huge pages (CONFIG_TRANSPARENT_HUGEPAGE) are build options: without them no " +
            "sysctl or boot parameter can give large models 2 MiB or 1 GiB pages.",
            "mm/Kconfig", "all", HugePageSupport),
        new CheckRule("KRN006", Category.Kernel, "The kernel is built with NUMA support on a multi-socket host", Severity.High,
            "Without CONFIG_NUMA the kernel treats a multi-socket machine as one memory pool: no local allocation, no per-node huge pages, " +
            "no way to keep a GPU's buffers on its own socket.",
            "mm/Kconfig", "all", NumaSupport),
        new CheckRule("KRN007", Category.Kernel, "io_uring is available to model loaders", Severity.Low,
            "io_uring gives loaders and storage engines deep asynchronous queues without a system call per read; fio's reference read of a " +
            "model file uses it. kernel.io_uring_disabled=2 (a hardening choice) or a build without CONFIG_IO_URING sends them back to slower paths.",
            "Documentation/admin-guide/sysctl/kernel.rst (io_uring_disabled)", "inference and training profiles", IoUring),
        new CheckRule("KRN008", Category.Kernel, "sched_ext can load BPF schedulers", Severity.Info,
            "sched_ext (CONFIG_SCHED_CLASS_EXT, kernel 6.12+) lets a BPF program schedule tasks (scx_lavd, scx_bpfland): a way to try " +
            "latency-oriented scheduling without a new kernel.",
            "Documentation/scheduler/sched-ext.rst", "latency profiles", SchedExt),
        new CheckRule("KRN009", Category.Kernel, "The timer frequency suits latency-sensitive serving", Severity.Low,
            "CONFIG_HZ sets the scheduler tick. At 100 Hz, time slices and timer-driven wake-ups are coarser (10 ms) than at 250–1000 Hz; " +
            "tickless idle does not remove that granularity on busy CPUs.",
            "kernel/Kconfig.hz", "latency profiles", TimerFrequency),
    ];

    private static Verdict? FlavorAdvice(AuditContext context)
    {
        var kernel = context.Facts.Kernel;
        var profile = context.Profile;
        var expected = profile switch
        {
            { Latency: true } => "a generic or lowlatency build with full preemption (rt only where a hard bound is required)",
            { IsTraining: true } => "a generic or LTS server build; leading-edge for the newest accelerators",
            { IsInference: true } => "a generic or LTS server build; leading-edge for the newest accelerators",
            _ => "any maintained build",
        };
        if (profile.Hardened)
        {
            expected += "; hardened: a build with init_on_alloc, slab and usercopy hardening";
        }

        if (!kernel.Flavor.TryGet(out var flavor))
        {
            return Verdict.Unknown(kernel.Flavor.Reason!, expected);
        }

        var current = $"{flavor.Name}{(flavor.Variant is null ? "" : "/" + flavor.Variant)} ({kernel.Release.GetValueOrDefault("?")})";
        var advice = new List<string>();
        bool mismatch = false;
        switch (flavor.Name)
        {
            case "rt" when !profile.Latency:
                advice.Add("PREEMPT_RT threads interrupts and makes spinlocks sleep: bounded latency, but lower throughput for batch inference and training");
                mismatch = true;
                break;
            case "rt":
                advice.Add("real-time: bounded wake-up latency; measure throughput, which PREEMPT_RT lowers");
                break;
            case "zen" or "lowlatency" or "cachyos" when !profile.Latency && flavor.Variant is not ("server" or "lts"):
                advice.Add($"{flavor.Name} is tuned for desktop interactivity (HZ=1000, full preemption, scheduler patches); a server build favours throughput");
                mismatch = true;
                break;
            case "cloud":
                advice.Add("cloud kernels leave out drivers: check that the GPU driver (DKMS or prebuilt) supports this build");
                break;
            case "hardened":
                advice.Add("hardened: init_on_alloc/free and slab hardening raise allocation and page-fault cost; measure model loading");
                break;
            default:
                break;
        }

        if (profile.Hardened && flavor.Name != "hardened")
        {
            var hardeningOptions = new[] { "CONFIG_INIT_ON_ALLOC_DEFAULT_ON", "CONFIG_HARDENED_USERCOPY", "CONFIG_SLAB_FREELIST_HARDENED" };
            if (kernel.Config.IsKnown && hardeningOptions.Any(o => !kernel.IsEnabled(o).GetValueOrDefault(false)))
            {
                advice.Add("not a hardened build: " + string.Join(", ", hardeningOptions.Where(o => !kernel.IsEnabled(o).GetValueOrDefault(false))) + " missing");
                mismatch = true;
            }
        }

        if (kernel.Longterm.TryGet(out var lts) && !lts.IsLongterm && flavor.Name is not "cloud")
        {
            advice.Add($"branch {lts.Branch} is leading-edge (not a kernel.org longterm branch): newest accelerator support, short upstream support");
        }

        var note = advice.Count == 0 ? null : string.Join("; ", advice);
        return mismatch
            ? Verdict.Warn(current, expected, new Fix(null, "install a kernel flavor that matches the workload (see docs/kernel-flavors.md) and reboot"), note)
            : Verdict.Pass(current, expected, note);
    }

    [GeneratedRegex(@"-\d+-(generic|lowlatency|aws|azure|gcp|gke|oracle|kvm|ibm|nvidia|raspi)(-|$)")]
    private static partial Regex UbuntuRelease();

    [GeneratedRegex(@"-\d+-(amd64|arm64|cloud-amd64|cloud-arm64|rt-amd64|rt-arm64)$")]
    private static partial Regex DebianRelease();

    [GeneratedRegex(@"\.el\d+")]
    private static partial Regex RhelRelease();

    [GeneratedRegex(@"\.fc\d+")]
    private static partial Regex FedoraRelease();

    [GeneratedRegex(@"-(default|azure)$")]
    private static partial Regex SuseRelease();

    /// <summary>The distribution that maintains this kernel build, from its release string, or null.</summary>
    internal static string? Distribution(string release) =>
        UbuntuRelease().IsMatch(release) ? "Ubuntu"
        : DebianRelease().IsMatch(release) ? "Debian"
        : RhelRelease().IsMatch(release) ? "RHEL and derivatives"
        : FedoraRelease().IsMatch(release) ? "Fedora"
        : SuseRelease().IsMatch(release) ? "SUSE"
        : null;

    private static Verdict? BranchSupport(AuditContext context)
    {
        var kernel = context.Facts.Kernel;
        const string expected = "a maintained branch: longterm before its end of life, or a distribution kernel";
        if (!kernel.Longterm.TryGet(out var lts))
        {
            return Verdict.Unknown(kernel.Longterm.Reason!, expected);
        }

        var release = kernel.Release.GetValueOrDefault("");
        var distribution = Distribution(release);
        var eol = lts.EndOfLife is { } date ? date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null;
        if (distribution is not null)
        {
            return Verdict.Pass($"{release}: {distribution} kernel", expected,
                $"maintained by {distribution} for the release's life; kernel.org: branch {lts.Branch} " +
                (lts.IsLongterm ? $"is longterm until {eol}" : "is not a longterm branch"));
        }

        if (lts.IsLongterm && lts.EndOfLifePassed)
        {
            return Verdict.Fail($"{lts.Branch} (longterm, end of life {eol})", expected,
                new Fix(null, "move to a maintained longterm branch (see kernel.org/category/releases.html) and reboot"),
                $"table checked {lts.TableDate:yyyy-MM-dd}");
        }

        if (lts.IsLongterm)
        {
            var soon = lts.EndOfLife is { } end && end.ToDateTime(TimeOnly.MinValue) < context.Now.UtcDateTime.AddMonths(6);
            return soon
                ? Verdict.Warn($"{lts.Branch} (longterm until {eol})", expected, new Fix(null, "plan the move to a newer longterm branch"), "end of life within six months")
                : Verdict.Pass($"{lts.Branch} (longterm until {eol})", expected);
        }

        var production = context.Profile.Hardened || context.Profile.IsTraining;
        var note = $"branch {lts.Branch} is a stable (leading-edge) branch: supported upstream only until the next release, about three months; " +
                   "it brings the newest accelerator drivers; pin a longterm branch where predictability matters more";
        return production
            ? Verdict.Warn($"{lts.Branch} (stable, not longterm)", expected, new Fix(null, "use a longterm or distribution kernel for production hosts"), note)
            : Verdict.Pass($"{lts.Branch} (stable, not longterm)", expected, note);
    }

    private static Verdict? PreemptionFit(AuditContext context)
    {
        var kernel = context.Facts.Kernel;
        var latency = context.Profile.Latency;
        var expected = latency ? "full, lazy or rt" : "none, voluntary, lazy or full";
        if (!kernel.Preemption.TryGet(out var model))
        {
            return Verdict.Unknown(kernel.Preemption.Reason!, expected);
        }

        var dynamic = kernel.PreemptDynamic.GetValueOrDefault(false);
        var current = PreemptionModelNames.Of(model) + (dynamic && model != PreemptionModel.Dynamic ? " (PREEMPT_DYNAMIC)" : "");
        if (model == PreemptionModel.Dynamic)
        {
            return Verdict.Pass("dynamic", expected, "PREEMPT_DYNAMIC: the active mode is in /sys/kernel/debug/sched/preempt (root); choose it with preempt= at boot");
        }

        if (latency && model is PreemptionModel.None or PreemptionModel.Voluntary)
        {
            return Verdict.Warn(current, expected,
                dynamic ? KnobFixes.KernelParameter("preempt=full", $"{KnobFixes.MountDebugfs}; echo full > /sys/kernel/debug/sched/preempt")
                        : new Fix(null, "use a kernel built with CONFIG_PREEMPT or CONFIG_PREEMPT_DYNAMIC"));
        }

        if (!latency && model == PreemptionModel.Rt)
        {
            return Verdict.Warn(current, expected, new Fix(null, "use a non-rt kernel for throughput work"), "PREEMPT_RT lowers throughput");
        }

        return Verdict.Pass(current, expected);
    }

    private static Verdict? Taint(AuditContext context)
    {
        var taint = context.Facts.Kernel.Taint;
        const string expected = "no taint, or only P/O/E (proprietary, out-of-tree, unsigned modules)";
        if (!taint.TryGet(out var value))
        {
            return Verdict.Unknown(taint.Reason!, expected);
        }

        if (value.Mask == 0)
        {
            return Verdict.Pass("0 (not tainted)", expected);
        }

        var flags = string.Join(", ", value.Flags.Select(f => $"{f.Letter} ({f.Meaning})"));
        var benign = new[] { 'P', 'O', 'E', 'K', 'C' };
        var bad = value.Flags.Where(f => !benign.Contains(f.Letter)).ToList();
        if (bad.Count == 0)
        {
            return Verdict.Pass($"{value.Mask}: {flags}", expected);
        }

        var hardware = bad.Any(f => f.Letter is 'M' or 'B');
        return new Verdict(FindingStatus.Warn, $"{value.Mask}: {flags}", expected, "read dmesg / journalctl -k for the event; the taint clears only at reboot",
            new Fix("journalctl -k -b | grep -iE 'taint|oops|warning|mce|lockup'", "find and fix the cause, then reboot"),
            hardware ? Severity.High : null);
    }

    private static Verdict? HugePageSupport(AuditContext context)
    {
        var kernel = context.Facts.Kernel;
        const string expected = "CONFIG_HUGETLBFS=y and CONFIG_TRANSPARENT_HUGEPAGE=y";
        var hugetlb = kernel.IsEnabled("CONFIG_HUGETLBFS");
        var thp = kernel.IsEnabled("CONFIG_TRANSPARENT_HUGEPAGE");
        if (!hugetlb.IsKnown || !thp.IsKnown)
        {
            // Without the config, the sysfs directories tell the same story.
            var pools = context.Facts.Memory.HugePages;
            var thpFact = context.Facts.Memory.Thp;
            if (pools.IsKnown && thpFact.IsKnown)
            {
                return Verdict.Pass("hugetlb pools and THP present in sysfs", expected, "kernel configuration not readable: " + kernel.Config.Reason);
            }

            return Verdict.Unknown(kernel.Config.Reason!, expected);
        }

        var missing = new List<string>();
        if (!hugetlb.Value)
        {
            missing.Add("CONFIG_HUGETLBFS");
        }

        if (!thp.Value)
        {
            missing.Add("CONFIG_TRANSPARENT_HUGEPAGE");
        }

        return missing.Count == 0
            ? Verdict.Pass("both built in", expected)
            : Verdict.Fail(string.Join(" and ", missing) + " not set", expected, new Fix(null, "use a kernel built with " + string.Join(" and ", missing)),
                "a kernel build option: no runtime setting can change it");
    }

    private static Verdict? NumaSupport(AuditContext context)
    {
        var facts = context.Facts;
        const string expected = "CONFIG_NUMA=y on a multi-socket host";
        if (!facts.Cpu.Sockets.TryGet(out var sockets) || sockets < 2)
        {
            return Verdict.NotApplicable(facts.Cpu.Sockets.IsKnown ? "one socket" : "socket count unknown", expected);
        }

        var numa = facts.Kernel.IsEnabled("CONFIG_NUMA");
        if (!numa.TryGet(out var enabled))
        {
            return facts.Memory.NumaNodes.TryGet(out var nodes) && nodes.Count > 1
                ? Verdict.Pass($"{nodes.Count} NUMA nodes", expected)
                : Verdict.Unknown(numa.Reason!, expected);
        }

        return enabled
            ? Verdict.Pass($"CONFIG_NUMA=y, {sockets} sockets", expected)
            : Verdict.Fail($"CONFIG_NUMA not set, {sockets} sockets", expected, new Fix(null, "use a kernel built with CONFIG_NUMA"));
    }

    private static Verdict? IoUring(AuditContext context)
    {
        if (context.Profile.Workload is null)
        {
            return null;
        }

        var facts = context.Facts;
        const string expected = "CONFIG_IO_URING=y and kernel.io_uring_disabled=0 (or 1 with io_uring_group)";
        var built = facts.Kernel.IsEnabled("CONFIG_IO_URING");
        if (built.TryGet(out var isBuilt) && !isBuilt)
        {
            return Verdict.Warn("CONFIG_IO_URING not set", expected, new Fix(null, "use a kernel built with CONFIG_IO_URING"));
        }

        var disabled = facts.Sysctls.GetLong("kernel.io_uring_disabled");
        if (disabled.TryGet(out var level) && level == 2)
        {
            return Verdict.Warn("kernel.io_uring_disabled=2", expected, KnobFixes.Sysctl(context, "kernel.io_uring_disabled", "1"),
                context.Profile.Hardened ? "conflict: hardening (KHC) wants 2; 1 keeps io_uring for members of kernel.io_uring_group" : null);
        }

        var current = disabled.IsKnown ? $"kernel.io_uring_disabled={disabled.Value}" : built.IsKnown ? "CONFIG_IO_URING=y" : "unknown";
        if (!disabled.IsKnown && !built.IsKnown)
        {
            return Verdict.Unknown(built.Reason!, expected);
        }

        return Verdict.Pass(current, expected, disabled.IsKnown ? null : "kernel.io_uring_disabled absent (kernel before 6.6): io_uring is open to all");
    }

    private static Verdict? SchedExt(AuditContext context)
    {
        if (!context.Profile.Latency)
        {
            return null;
        }

        const string expected = "CONFIG_SCHED_CLASS_EXT=y";
        var ext = context.Facts.Kernel.IsEnabled("CONFIG_SCHED_CLASS_EXT");
        if (!ext.TryGet(out var enabled))
        {
            return context.Facts.Kernel.SchedExt.IsKnown
                ? Verdict.Pass("sched_ext " + context.Facts.Kernel.SchedExt.Value, expected)
                : Verdict.Unknown(ext.Reason!, expected);
        }

        return enabled
            ? Verdict.Pass("available" + (context.Facts.Kernel.SchedExt.TryGet(out var state) ? $" ({state})" : ""), expected)
            : Verdict.Warn("not built", expected, new Fix(null, "a 6.12+ kernel built with CONFIG_SCHED_CLASS_EXT"), "optional");
    }

    private static Verdict? TimerFrequency(AuditContext context)
    {
        if (!context.Profile.Latency)
        {
            return null;
        }

        const string expected = ">= 250 Hz";
        var hz = context.Facts.Kernel.Hz;
        if (!hz.TryGet(out var value))
        {
            return Verdict.Unknown(hz.Reason!, expected);
        }

        return value >= 250
            ? Verdict.Pass($"{value} Hz", expected)
            : Verdict.Warn($"{value} Hz", expected, new Fix(null, "use a kernel built with CONFIG_HZ_250 or higher"));
    }
}
