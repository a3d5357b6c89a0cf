using System.Text.RegularExpressions;
using AiTune.Facts;
using AiTune.Inspection;

namespace AiTune.Knobs.Kinds;

/// <summary>"cpu:NAME": the cpufreq policies' governor and energy_performance_preference, and boost (cpufreq/boost,
/// or intel_pstate's inverted no_turbo); persisted in tmpfiles.d.</summary>
public sealed partial class CpuKind : KnobKindDescriptor
{
    private const string CpufreqDirectory = "/sys/devices/system/cpu/cpufreq";

    public static readonly IReadOnlyList<string> Names = ["governor", "energy_performance_preference", "boost"];

    public override KnobKind Kind => KnobKind.Cpu;

    public override string Prefix => "cpu";

    public override bool IsKnown(Knob knob) => Names.Contains(knob.Name);

    public override string UnknownNameHint => $" (CPU settings: {string.Join(", ", Names)})";

    public override KnobReading Read(HostFacts facts, Knob knob, int? node)
    {
        var name = knob.Name;
        var cpu = facts.Cpu;
        if (cpu.FrequencyScaling.TryGet(out var scaling) && !scaling)
        {
            return KnobReading.Absent("no cpufreq: the kernel exposes no frequency scaling (a virtual machine, or a fixed-frequency CPU)");
        }

        if (name == "boost")
        {
            return One(cpu.Boost.Map(b => b ? "1" : "0"));
        }

        if (cpu.Policies.Count == 0)
        {
            return One(Fact.Unknown<string>(cpu.FrequencyScaling.Reason ?? new UnknownReason(UnknownKind.Absent, "no cpufreq policy")));
        }

        var values = cpu.Policies.Select(p => new KnobValue(p.Name, name == "governor" ? p.Governor : p.Epp)).ToList();
        if (name == "energy_performance_preference" && values.All(v => v.Value.Reason?.Kind == UnknownKind.Absent))
        {
            return KnobReading.Absent($"the cpufreq driver ({cpu.Driver.GetValueOrDefault("unknown")}) has no energy-performance preference");
        }

        return new KnobReading(values, null);
    }

    public override KnobLocation? Locate(HostFacts facts, Knob knob, string subject, out string? notApplicable)
    {
        notApplicable = null;
        if (knob.Name != "boost")
        {
            Require(knob, subject, PolicyName().IsMatch(subject), "a cpufreq policy (policy0)");
            string file = knob.Name == "governor" ? "scaling_governor" : knob.Name;
            return new KnobLocation($"{CpufreqDirectory}/{subject}/{file}");
        }

        RequireHostWide(knob, subject);

        // intel_pstate (active, or passive as intel_cpufreq) implements no set_boost, so cpufreq/boost does not
        // exist there; its own no_turbo says the opposite. "off" means another driver (acpi-cpufreq) runs.
        bool intelPstate = facts.Cpu.IntelPstateStatus.TryGet(out var status) ? status is "active" or "passive"
            : facts.Cpu.Driver.TryGet(out var driver) && driver is "intel_pstate" or "intel_cpufreq";
        return intelPstate
            ? new KnobLocation("/sys/devices/system/cpu/intel_pstate/no_turbo", KnobValueMapping.InvertedFlag)
            : new KnobLocation(CpufreqDirectory + "/boost");
    }

    public override bool MayWrite(string canonicalHostPath) => Cpufreq().IsMatch(canonicalHostPath);

    public override KnobFix Fix(Knob knob, string value, IReadOnlyList<string> subjects, FixSite site) => knob.Name switch
    {
        "governor" => FixForms.Tmpfiles(CpufreqDirectory + "/policy*/scaling_governor", value, $"cpupower frequency-set -g {value}"),
        "energy_performance_preference" => FixForms.Tmpfiles(CpufreqDirectory + "/policy*/energy_performance_preference", value,
            $"echo {value} | tee {CpufreqDirectory}/policy*/energy_performance_preference"),
        _ => FixForms.Tmpfiles(CpufreqDirectory + "/boost", value,
            $"echo {value} > {CpufreqDirectory}/boost (intel_pstate: echo {(value == "1" ? 0 : 1)} > /sys/devices/system/cpu/intel_pstate/no_turbo)"),
    };

    public override PersistenceForm Persistence => PersistenceForm.Tmpfiles;

    /// <summary>[cpu] names its options as the knobs are named (governor, energy_performance_preference, boost).</summary>
    public override TunedOption Tuned(Knob knob, string value) => new("cpu", knob.Name, value, Dedicated: true);

    [GeneratedRegex(@"^/sys/devices/system/cpu/(cpufreq/policy[0-9]{1,5}/(scaling_governor|energy_performance_preference)|cpufreq/boost|intel_pstate/no_turbo)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Cpufreq();

    [GeneratedRegex(@"^policy[0-9]{1,5}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PolicyName();
}
