using AiTune.Facts;

namespace AiTune.Tuning.Writing;

/// <summary>
/// The one door through which aitune changes kernel settings: read, write and probe the files behind knobs, by
/// host path ("/proc/sys/vm/swappiness"). An interface so that apply, verify and rollback run against a scratch tree
/// in tests and against "/" on a host, through the same checks.
/// </summary>
public interface IKernelFiles
{
    /// <summary>The file's content, trimmed, whitespace runs collapsed to one space ("[none] mq-deadline"), or why
    /// it cannot be read. Never follows a link out of the root; only allow-listed knob files are read.</summary>
    Fact<string> Read(string hostPath);

    /// <summary>One write(2) of <paramref name="value"/> followed by a newline, as echo would do it: the kernel
    /// parses each write on its own, so the value must arrive in one piece.</summary>
    /// <exception cref="AiTuneException">The value holds a control character or is too long, the path is not
    /// an allow-listed knob file (before or after resolving links), or the file is not a regular file.</exception>
    WriteOutcome Write(string hostPath, string value);

    /// <summary>Whether a write could succeed, asked before any write so that a plan on a read-only /proc/sys
    /// (a container) stops before changing anything. Opens the file for writing and closes it without writing.</summary>
    /// <exception cref="AiTuneException">As for <see cref="Write"/>, for the path.</exception>
    Writability CheckWritable(string hostPath);
}
