using System.Globalization;
using AiTune.Facts;
using AiTune.Inspection.Coexistence;
using AiTune.Knobs.Kinds;

namespace AiTune.Knobs;

/// <summary>What setting a knob would collide with on this host: a tool that writes the same setting back, one that
/// stops working when someone else writes it, or a service that needs the old value. Sentences for a person; empty
/// when nothing found on the host cares about the knob.</summary>
public static class CoexistenceConflicts
{
    /// <param name="target">The value aitune would write.</param>
    public static IReadOnlyList<string> ConflictsFor(CoexistenceFacts facts, Knob knob, string target)
    {
        var conflicts = new List<string>();
        if (TunedConflict(facts.Tuned, knob) is { } tuned)
        {
            conflicts.Add(tuned);
        }

        if (knob.SysctlKey() is { } key)
        {
            if (facts.BpftuneRunning.GetValueOrDefault(false) && BpftuneSysctls.Manages(key))
            {
                conflicts.Add($"bpftune adjusts {key} at runtime and backs off when someone else writes it");
            }

            if (facts.KubeletRunning.GetValueOrDefault(false) && KubeletKernelDefaults.Values.TryGetValue(key, out var expected)
                && !SameValue(expected, target))
            {
                conflicts.Add($"kubelet expects {key}={expected} (with --protect-kernel-defaults it refuses to start otherwise)");
            }

            if (ContainerNetworking.ForwardingSysctls.Contains(key, StringComparer.Ordinal) && !SameValue("1", target)
                && facts.ForwardingEvidence.TryGet(out var evidence) && evidence.Count > 0)
            {
                var who = evidence.All(e => e.Name == ContainerNetworking.LibvirtBridge) ? "virtual machines (libvirt NAT)" : "containers";
                conflicts.Add($"{who} on this host need {key}=1 ({string.Join(", ", evidence.Select(e => e.Describe()))})");
            }
        }

        return conflicts;
    }

    /// <summary>The TuneD plugin that sets a knob like this one, or null when no TuneD plugin has an option of its
    /// own for it (only the catch-alls [sysfs], [bootloader] and [script] could, and a profile rarely uses them for
    /// these). The option is the descriptor's (<see cref="KnobKindDescriptor.Tuned"/>).</summary>
    public static string? TunedPlugin(Knob knob) =>
        KnobKinds.Of(knob).Tuned(knob, "") is { Dedicated: true } option ? option.Plugin : null;

    /// <summary>TuneD re-applies its profile when the daemon starts, on a profile switch and when devices appear,
    /// and its [sysctl] plugin also re-applies the sysctl.d files (reapply_sysctl): a value aitune set does not
    /// survive that. It matters only while a profile is active and the daemon runs; when whether it runs is
    /// unknown, the conflict is reported with that doubt.</summary>
    private static string? TunedConflict(TunedFacts tuned, Knob knob)
    {
        if (TunedPlugin(knob) is null)
        {
            return null;
        }

        var setting = knob.SysctlKey() ?? knob.Id;
        if (tuned.ActiveProfiles.TryGet(out var profiles))
        {
            if (profiles.Count == 0 || (tuned.Running.TryGet(out var running) && !running))
            {
                return null;
            }

            var which = profiles.Count == 1
                ? $"TuneD profile '{profiles[0]}' is active"
                : $"TuneD profiles {string.Join(", ", profiles.Select(p => $"'{p}'"))} are active";
            var doubt = tuned.Running.IsKnown ? "" : $" (whether tuned is running is unknown: {tuned.Running.Reason!.Detail})";
            return $"{which} and may set {setting} back when it re-applies{doubt}";
        }

        return tuned.Running.GetValueOrDefault(false) && tuned.ActiveProfiles.Reason!.Kind != UnknownKind.Absent
            ? $"tuned is running (its active profile could not be read: {tuned.ActiveProfiles.Reason.Detail}) and may set {setting} back when it re-applies"
            : null;
    }

    private static bool SameValue(string expected, string target)
    {
        var value = target.Trim();
        return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            && long.TryParse(expected, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var wanted)
            ? number == wanted
            : string.Equals(expected, value, StringComparison.Ordinal);
    }
}
