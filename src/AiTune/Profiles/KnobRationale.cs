namespace AiTune.Profiles;

/// <summary>Why a knob is set as aitune's profiles set it, and where that reasoning comes from (see <see cref="KnobRationales"/>).</summary>
/// <param name="Why">One to three sentences: what the knob does to an AI host and why the profiles' value helps.</param>
/// <param name="Source">Kernel documentation, a vendor guide, KSPP …</param>
public sealed record KnobRationale(string Why, string Source);
