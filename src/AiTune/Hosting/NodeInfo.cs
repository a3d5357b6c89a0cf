namespace AiTune.Hosting;

/// <summary>What lstat says about one path: its kind, or why it could not be looked at.</summary>
public readonly record struct NodeInfo(NodeState State, HostEntryKind Kind, string? Error = null)
{
    public static NodeInfo Missing => new(NodeState.Missing, HostEntryKind.Other);

    public static NodeInfo Of(HostEntryKind kind) => new(NodeState.Present, kind);
}

public enum NodeState
{
    Present,
    Missing,
    Denied,
    Failed,
}
