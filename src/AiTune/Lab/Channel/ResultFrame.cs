namespace AiTune.Lab.Channel;

/// <summary>One document the guest sent back, checked: its kind and its payload bytes (JSON).</summary>
public sealed record ResultFrame(ResultKind Kind, byte[] Payload);
