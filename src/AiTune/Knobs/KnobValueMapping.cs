namespace AiTune.Knobs;

/// <summary>How a knob's value (as profiles and facts spell it) maps to the content of the file behind it.</summary>
public enum KnobValueMapping
{
    /// <summary>The file holds the value itself (almost every knob).</summary>
    Verbatim,

    /// <summary>The file holds the negation of a 0/1 flag: "cpu:boost" = 1 (turbo allowed) is intel_pstate's
    /// no_turbo = 0 ("If set (equal to 1), the driver is not allowed to set any turbo P-states",
    /// Documentation/admin-guide/pm/intel_pstate.rst).</summary>
    InvertedFlag,
}
