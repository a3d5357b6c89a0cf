namespace AiTune.Audit;

/// <summary>How ready the host is for one profile, 0–100.</summary>
/// <param name="Selected">The profile is part of the audited selection.</param>
public sealed record ProfileScore(string Profile, int Score, bool Selected);
