using AiTune.Knobs;
using AiTune.Profiles;

namespace AiTune.Audit.Rules;

/// <summary>Processors: frequency scaling, idle states, SMT, isolation.</summary>
public static class CpuRules
{
    private const string CpufreqDoc = "Documentation/admin-guide/pm/cpufreq.rst";

    public static IEnumerable<Rule> All =>
    [
        new CheckRule("CPU001", Category.Cpu, "The frequency-scaling driver gives full control", Severity.Low,
            "On AMD Zen 2 and later, amd-pstate uses CPPC to let the firmware pick frequencies with an energy-performance preference; " +
            "the older acpi-cpufreq only knows a few fixed P-states. Where the kernel exposes no cpufreq at all (a VM, a fixed-frequency CPU) " +
            "the hypervisor or firmware controls clocks and nothing here applies.",
            "Documentation/admin-guide/pm/amd-pstate.rst; " + CpufreqDoc, "all", ScalingDriver),
        new KnobRule("CPU002", Category.Cpu, Knob.Cpu("governor"), "The CPU governor runs at full speed", Severity.Medium),
        new KnobRule("CPU003", Category.Cpu, Knob.Cpu("energy_performance_preference"), "The energy-performance preference favours performance", Severity.Medium),
        new KnobRule("CPU004", Category.Cpu, Knob.Cpu("boost"), "Turbo boost is allowed", Severity.Low),
        new CheckRule("CPU005", Category.Cpu, "Deep idle states do not add wake-up latency", Severity.Medium,
            "An idle core in a deep C-state takes its exit latency (often 100–200 µs) to run a woken thread: a request handler or the thread " +
            "feeding a GPU. TuneD's accelerator-performance profile caps it at 99 µs; AMD's MI300X guide disables C2.",
            "Documentation/admin-guide/pm/cpuidle.rst; TuneD accelerator-performance; AMD MI300X tuning", "latency profiles", IdleLatency),
        new CheckRule("CPU006", Category.Cpu, "SMT matches the profile", Severity.Low,
            "Simultaneous multithreading doubles the logical CPUs for pre- and post-processing and data loading. Turning it off (nosmt) " +
            "closes cross-thread side channels, which matters on hosts that run untrusted tenants.",
            "Documentation/admin-guide/hw-vuln/core-scheduling.rst; kernel-hardening-checker", "all", Smt),
        new CheckRule("CPU007", Category.Cpu, "Cores are set aside for latency-critical threads", Severity.Info,
            "isolcpus= and nohz_full= keep the scheduler and the timer tick off chosen cores, so a pinned serving thread is not preempted " +
            "by housekeeping. Optional: it pays off only when the server pins its threads to those cores.",
            "Documentation/admin-guide/kernel-per-CPU-kthreads.rst", "latency profiles", Isolation),
    ];

    private static Verdict? ScalingDriver(AuditContext context)
    {
        var cpu = context.Facts.Cpu;
        const string expected = "intel_pstate, amd-pstate(-epp) or cppc_cpufreq; acpi-cpufreq only on older CPUs";
        if (cpu.FrequencyScaling.TryGet(out var scaling) && !scaling)
        {
            return Verdict.NotApplicable("no cpufreq: the kernel exposes no frequency scaling (a virtual machine, or a fixed-frequency CPU); clocks are the hypervisor's or the firmware's", expected);
        }

        if (!cpu.Driver.TryGet(out var driver))
        {
            return Verdict.Unknown(cpu.Driver.Reason!, expected);
        }

        var amd = cpu.Vendor.GetValueOrDefault("") == "AuthenticAMD";
        if (driver == "acpi-cpufreq" && amd)
        {
            return Verdict.Warn(driver, expected, KnobFixes.KernelParameter("amd_pstate=active"),
                "amd-pstate needs Zen 2 or later and CPPC enabled in the firmware");
        }

        if (driver == "intel_cpufreq")
        {
            return Verdict.Pass(driver + " (intel_pstate passive mode)", expected);
        }

        return Verdict.Pass(driver, expected);
    }

    private static Verdict? IdleLatency(AuditContext context)
    {
        if (!context.Profile.Latency)
        {
            return null;
        }

        const long limitUs = 100;
        var expected = $"no enabled idle state with exit latency > {limitUs} µs";
        var idle = context.Facts.Cpu.Idle;
        if (!idle.TryGet(out var states))
        {
            return idle.Reason!.Kind == Facts.UnknownKind.Absent
                ? Verdict.NotApplicable("no cpuidle in this kernel", expected)
                : Verdict.Unknown(idle.Reason!, expected);
        }

        var deep = states.States.Where(s => !s.Disabled && s.ExitLatencyUs > limitUs).ToList();
        var driver = states.Driver.GetValueOrDefault("unknown");
        if (deep.Count == 0)
        {
            return Verdict.Pass($"{driver}: deepest enabled exit latency {states.States.Where(s => !s.Disabled).Select(s => s.ExitLatencyUs).DefaultIfEmpty(0).Max()} µs", expected);
        }

        return Verdict.Warn($"{driver}: " + string.Join(", ", deep.Select(s => $"{s.Name} {s.ExitLatencyUs} µs")), expected,
            new Fix($"cpupower idle-set -D {limitUs}", $"run cpupower idle-set -D {limitUs} from a boot-time unit, or hold /dev/cpu_dma_latency at {limitUs - 1} (TuneD force_latency); intel_idle.max_cstate=1 is coarser"),
            "costs idle power; measure wake-up latency before and after (aitune bench scheduler)");
    }

    private static Verdict? Smt(AuditContext context)
    {
        var cpu = context.Facts.Cpu;
        var hardened = context.Profile.Hardened;
        var workload = context.Profile.Workload is not null;
        var expected = hardened && !workload ? "off on hosts that run untrusted tenants" : "on for throughput";
        if (!cpu.Smt.TryGet(out var control))
        {
            return Verdict.Unknown(cpu.Smt.Reason!, expected);
        }

        if (control is "notsupported" or "notimplemented")
        {
            return Verdict.NotApplicable($"SMT {control}", expected);
        }

        var active = cpu.SmtActive.GetValueOrDefault(control == "on");
        var current = $"{control}{(active ? " (active)" : "")}";
        if (workload && !active)
        {
            return Verdict.Warn(current, expected, new Fix("echo on > /sys/devices/system/cpu/smt/control", "remove nosmt from the kernel command line"),
                hardened ? "conflict: hardening turns SMT off against side channels; AI throughput wants the threads" : null);
        }

        if (hardened && active)
        {
            return new Verdict(FindingStatus.Warn, current, expected,
                "conflict: nosmt halves the logical CPUs; use it only where untrusted code shares the host", KnobFixes.KernelParameter("nosmt"), Severity.Info);
        }

        return Verdict.Pass(current, expected);
    }

    private static Verdict? Isolation(AuditContext context)
    {
        if (!context.Profile.Latency)
        {
            return null;
        }

        var cpu = context.Facts.Cpu;
        const string expected = "isolcpus/nohz_full for the serving threads (optional)";
        var isolated = cpu.Isolated.GetValueOrDefault("");
        var nohz = cpu.NohzFull.GetValueOrDefault("");
        if (isolated.Length > 0 || nohz.Length > 0)
        {
            return Verdict.Pass($"isolated: {(isolated.Length > 0 ? isolated : "none")}, nohz_full: {(nohz.Length > 0 ? nohz : "none")}", expected);
        }

        return Verdict.Warn("none", expected, KnobFixes.KernelParameter("isolcpus=managed_irq,domain,<cpus> nohz_full=<cpus>"), "pin the server's threads to those CPUs (taskset, systemd CPUAffinity)");
    }
}
