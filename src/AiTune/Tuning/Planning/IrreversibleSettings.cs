using AiTune.Knobs;
using AiTune.Knobs.Kinds;

namespace AiTune.Tuning.Planning;

/// <summary>Values the kernel makes one-way: once written, only a reboot takes them back, so rollback cannot. The
/// kind's descriptor knows which (<see cref="KnobKindDescriptor.Irreversible"/>: today only sysctls have any).</summary>
public static class IrreversibleSettings
{
    /// <summary>Why writing <paramref name="value"/> to <paramref name="knob"/> cannot be undone, or null.</summary>
    public static string? Why(Knob knob, string value) => KnobKinds.Of(knob).Irreversible(knob, value);
}
