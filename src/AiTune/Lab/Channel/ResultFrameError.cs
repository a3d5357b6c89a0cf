namespace AiTune.Lab.Channel;

/// <summary>Why the guest's results were refused; each has its own message.</summary>
public enum ResultFrameError
{
    /// <summary>The guest wrote nothing (the payload never got to write, or the port was never opened).</summary>
    Empty,

    /// <summary>The bytes do not start with the frame's magic.</summary>
    NotAFrame,

    /// <summary>A frame of a format version this aitune does not read.</summary>
    UnsupportedVersion,

    /// <summary>A kind byte that is neither result nor error.</summary>
    UnknownKind,

    /// <summary>A declared payload length above the reader's bound.</summary>
    Oversized,

    /// <summary>Fewer bytes than the frame declares (the guest died or powered off mid-write).</summary>
    CutShort,

    /// <summary>The payload's SHA-256 does not match the one in the header.</summary>
    ChecksumMismatch,

    /// <summary>The bytes where the end marker belongs are something else.</summary>
    MissingEndMarker,

    /// <summary>Bytes after the end marker.</summary>
    TrailingBytes,
}
