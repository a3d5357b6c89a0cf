namespace AiTune.Tests.Audit.FixSimulation;

/// <summary>One write a runtime fix makes: a host path (may end in a shell glob such as policy*) and the value.</summary>
public sealed record FileWrite(string HostPath, string Value);
