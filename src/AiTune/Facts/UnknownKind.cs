namespace AiTune.Facts;

/// <summary>Why a fact could not be established. Rules treat <see cref="Absent"/> (the kernel or host does not
/// have the thing) differently from the others (the thing may exist but we could not see it).</summary>
public enum UnknownKind
{
    /// <summary>The file or directory does not exist: the kernel lacks the feature, or the tree lacks the file.</summary>
    Absent,
    /// <summary>The file exists but this user may not read it (usually: needs root).</summary>
    PermissionDenied,
    /// <summary>Reading failed: I/O error, over the size bound, not a regular file, or a link out of the root.</summary>
    Unreadable,
    /// <summary>The content was read but is not in the kernel's format.</summary>
    Malformed,
    /// <summary>The snapshot being inspected did not capture this file.</summary>
    NotCaptured,
}
