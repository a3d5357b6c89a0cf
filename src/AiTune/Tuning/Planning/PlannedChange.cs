using System.Text.Json.Serialization;
using AiTune.Knobs;

namespace AiTune.Tuning.Planning;

/// <summary>What the plan does with one knob on one subject, and why.</summary>
/// <param name="Subject">"" for host-wide knobs; the drive, cpufreq policy or NUMA node otherwise.</param>
/// <param name="Path">The kernel file behind the knob on this kernel (null for kernel parameters and knobs that do not exist).</param>
/// <param name="Current">The value now, when known.</param>
/// <param name="Expected">What the profile expects ("&gt;= 4096", "none or mq-deadline").</param>
/// <param name="Candidates">Values to write, in order: the first the kernel accepts wins.</param>
/// <param name="Reason">Why this action: the rationale for a change, the reason for a skip or refusal.</param>
/// <param name="Conflicts">Other managers of this knob on the host (TuneD, bpftune, kubelet, container networking).</param>
public sealed record PlannedChange(
    [property: JsonIgnore] Knob Knob,
    string Subject,
    string? Path,
    string? Current,
    string Expected,
    IReadOnlyList<string> Candidates,
    PlanAction Action,
    string Reason,
    string Profile,
    string Source,
    IReadOnlyList<string> Conflicts)
{
    /// <summary>The expectation behind <see cref="Expected"/>: what a value read back must satisfy.</summary>
    [JsonIgnore]
    public Expectation? Wanted { get; init; }

    /// <summary>The kernel file and how knob values map onto it (intel_pstate's inverted no_turbo).</summary>
    [JsonIgnore]
    public KnobLocation? Location { get; init; }

    [JsonPropertyOrder(-1)]
    public string Id => Subject.Length == 0 ? Knob.Id : $"{Knob.Id}@{Subject}";

    /// <summary>The value a Set writes first, or the kernel parameter a PendingReboot adds.</summary>
    public string? Target => Candidates.Count > 0 ? Candidates[0] : null;
}
