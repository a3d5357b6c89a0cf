namespace AiTune.Services.ClosedLoop;

/// <summary>The two sides of an interleaved comparison: the host as it is, and the host with the profile applied.</summary>
public enum LoopArm
{
    Baseline,
    Candidate,
}
