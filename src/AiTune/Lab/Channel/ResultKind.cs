namespace AiTune.Lab.Channel;

/// <summary>What a framed document from the guest holds.</summary>
public enum ResultKind : byte
{
    /// <summary>The payload's results (JSON).</summary>
    Result = 1,

    /// <summary>Why the guest's payload failed (JSON: a <c>GuestFailure</c>).</summary>
    Error = 2,
}
