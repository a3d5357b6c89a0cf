namespace AiTune.Tuning.Writing;

/// <summary>What opening a knob file for writing says, before anything is written.</summary>
public enum Writability
{
    Writable,

    /// <summary>EROFS: the file system is mounted read-only, typically a container's /proc/sys; no privilege helps.</summary>
    ReadOnlyFileSystem,

    /// <summary>EACCES or EPERM: not root, a file the kernel marks read-only even for root (0444), or a security
    /// module's refusal (lockdown, SELinux).</summary>
    PermissionDenied,

    /// <summary>The file does not exist: the kernel lacks the feature, or the device or policy is gone. It is
    /// never created.</summary>
    Missing,
}
