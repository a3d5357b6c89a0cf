using AiTune.Interop;

namespace AiTune.Tuning.Writing;

/// <summary>What the kernel said to one write: written, or rejected with its errno.</summary>
/// <param name="IsWritten">The whole value was accepted.</param>
/// <param name="Errno">The errno of the refusal (0 when written, and for a short write, which has none).</param>
/// <param name="Message">For a person: "EINVAL (Invalid argument) writing 'abc' to /proc/sys/vm/swappiness".</param>
public sealed record WriteOutcome(bool IsWritten, int Errno, string Message)
{
    public static WriteOutcome Written { get; } = new(true, 0, "written");

    public static WriteOutcome Rejected(int errno, string message) => new(false, errno, message);

    /// <summary>EINVAL: the kernel refused the value itself (not a number, out of range, not among the choices), so
    /// the next alternative of "a|b|c" may still be accepted. Other refusals (EBUSY, EPERM, EACCES) are about the
    /// file or the moment, and the next alternative would fail the same way.</summary>
    public bool ValueRefused => !IsWritten && Errno == Posix.EINVAL;

    /// <summary>"EINVAL", "EBUSY" …; "" when written.</summary>
    public string ErrorName => IsWritten ? "" : Errno == 0 ? "short write" : Posix.ErrnoName(Errno);
}
