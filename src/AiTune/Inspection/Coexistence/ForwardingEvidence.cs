namespace AiTune.Inspection.Coexistence;

/// <summary>One sign that something on the host routes packets between its own networks and needs
/// net.ipv4.ip_forward=1: a running process or a network interface.</summary>
/// <param name="Kind">"process" or "interface".</param>
/// <param name="Name">The process name (comm) or the interface name.</param>
public sealed record ForwardingEvidence(string Kind, string Name)
{
    public const string Process = "process";
    public const string Interface = "interface";

    /// <summary>"dockerd running", "docker0 present".</summary>
    public string Describe() => Kind == Process ? $"{Name} running" : $"{Name} present";
}
