using AiTune.Knobs;
using AiTune.Profiles;

namespace AiTune.Tuning.Journal;

/// <summary>One setting of the resolved profile an apply applied, as its begin record keeps it: with these, rollback,
/// status and verify judge the host from the journal alone, whatever the profile files say now (a --profile-file
/// that is gone, a profiles.d file edited or broken since).</summary>
public sealed record JournalSetting
{
    /// <summary>The knob id: "sysctl:vm.swappiness", "block.nvme:scheduler", "hugepages:2048kB".</summary>
    public string Knob { get; init; } = "";

    /// <summary>The NUMA node of huge pages placed near a GPU; null for the whole host.</summary>
    public int? Node { get; init; }

    /// <summary>The expectation in the profile language (">=262144", "madvise|never", "0"); null when skipped.</summary>
    public string? Expected { get; init; }

    /// <summary>Why the setting did not apply to the host (a condition, no model); null when it applied.</summary>
    public string? Skipped { get; init; }

    /// <summary>The profile whose file states the setting.</summary>
    public string Profile { get; init; } = "";

    /// <summary>Where its reasoning comes from.</summary>
    public string Source { get; init; } = "";

    /// <summary>Why the profile wants it.</summary>
    public string? Why { get; init; }

    public static JournalSetting From(ResolvedSetting setting) => new()
    {
        Knob = setting.Knob.Id,
        Node = setting.Node,
        Expected = setting.Expectation?.Notation,
        Skipped = setting.SkipReason,
        Profile = setting.Profile,
        Source = setting.Source,
        Why = setting.Rationale,
    };

    /// <summary>The setting as the planner reads it; null when the record does not hold one (an unknown knob, an
    /// expectation that does not parse, neither an expectation nor a skip reason).</summary>
    public ResolvedSetting? ToResolved()
    {
        if (Knobs.Knob.TryParse(Knob) is not { } knob || Profile.Length == 0 || (Expected is null) == (Skipped is null))
        {
            return null;
        }

        Expectation? expectation = null;
        if (Expected is not null && (expectation = Expectation.TryParse(Expected, out _)) is null)
        {
            return null;
        }

        return new ResolvedSetting(knob, Node, expectation, null, Profile, Why ?? "", Source, Skipped);
    }
}
