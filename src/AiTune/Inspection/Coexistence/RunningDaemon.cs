namespace AiTune.Inspection.Coexistence;

/// <summary>A running process aitune looks for: its pid and its name as /proc/PID/comm gives it.</summary>
public sealed record RunningDaemon(int Pid, string Name);
