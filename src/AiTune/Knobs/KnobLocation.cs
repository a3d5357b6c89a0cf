namespace AiTune.Knobs;

/// <summary>The kernel file behind one knob for one subject, as a host path ("/proc/sys/vm/swappiness"), and how
/// values translate between the knob and the file. The planner writes <see cref="ToFile"/> of the target and
/// compares <see cref="FromFile"/> of what it reads back, so an inverted file never leaks into plans or journals.</summary>
public sealed record KnobLocation(string Path, KnobValueMapping Mapping = KnobValueMapping.Verbatim)
{
    /// <summary>The content to write for a knob value. An inverted flag takes only 0 or 1: anything else has no
    /// negation, and writing it would set the opposite of what the profile meant.</summary>
    public string ToFile(string knobValue) => Mapping switch
    {
        KnobValueMapping.InvertedFlag => Invert(knobValue) ?? throw new AiTuneException(
            $"'{knobValue}' is not a value for {Path}: this file holds the negation of a 0/1 flag",
            "give the knob 0 or 1"),
        _ => knobValue,
    };

    /// <summary>The knob value a file content stands for; an inverted file holding something other than 0 or 1 is
    /// returned as it is, so the mismatch shows instead of being guessed away.</summary>
    public string FromFile(string content) => Mapping switch
    {
        KnobValueMapping.InvertedFlag => Invert(content) ?? content,
        _ => content,
    };

    private static string? Invert(string flag) => flag.Trim() switch
    {
        "0" => "1",
        "1" => "0",
        _ => null,
    };
}
