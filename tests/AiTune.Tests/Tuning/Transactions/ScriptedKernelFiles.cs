using AiTune.Facts;
using AiTune.Inspection.Sysctl;
using AiTune.Interop;
using AiTune.Tuning.Writing;

namespace AiTune.Tests.Tuning.Transactions;

/// <summary>
/// A kernel held in memory (host path → what the file shows), scripted per path to do what a real kernel does
/// and a scratch tree cannot: refuse a value with EINVAL, refuse every write with EBUSY or EPERM, grant fewer huge
/// pages than asked until compaction frees memory, take a value and hold another, or sit on a read-only /proc/sys.
/// Every write is logged in order, accepted or not, so tests can assert the exact sequence.
/// </summary>
internal sealed class ScriptedKernelFiles : IKernelFiles
{
    public const string CompactMemory = "/proc/sys/vm/compact_memory";

    private readonly Dictionary<string, string> contents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> everyWriteRefused = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Path, string Value), int> valuesRefused = [];
    private readonly Dictionary<string, long> hugePageCaps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> capsAfterCompaction = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Path, string Value), string> heldInstead = [];
    private readonly Dictionary<string, Writability> writability = new(StringComparer.Ordinal);
    private readonly List<KernelWrite> writes = [];

    /// <summary>What each file shows now, as it would read without the trailing newline.</summary>
    public IReadOnlyDictionary<string, string> Contents => contents;

    public IReadOnlyList<KernelWrite> Writes => writes;

    public string this[string path] => contents[path];

    /// <summary>A file as the kernel shows it ("60", "always [madvise] never").</summary>
    public ScriptedKernelFiles Seed(string path, string content)
    {
        contents[path] = content;
        return this;
    }

    /// <summary>Writing <paramref name="value"/> fails with <paramref name="errno"/> (EINVAL: out of range or not
    /// among the choices; EPERM or EINVAL: a lock such as kernel.modules_disabled that cannot be cleared).</summary>
    public ScriptedKernelFiles RefuseValue(string path, string value, int errno)
    {
        valuesRefused[(path, value)] = errno;
        return this;
    }

    /// <summary>Every write fails with <paramref name="errno"/> (EBUSY: a device in use; EPERM: lockdown).</summary>
    public ScriptedKernelFiles RefuseEveryWrite(string path, int errno)
    {
        everyWriteRefused[path] = errno;
        return this;
    }

    /// <summary>An nr_hugepages file that grants at most <paramref name="cap"/> pages (memory too fragmented): the
    /// write succeeds and the file then shows min(asked, cap), as the kernel does. A write to vm.compact_memory
    /// raises the cap to <paramref name="capAfterCompaction"/> when given.</summary>
    public ScriptedKernelFiles GrantHugePagesUpTo(string path, long cap, long? capAfterCompaction = null)
    {
        hugePageCaps[path] = cap;
        if (capAfterCompaction is { } after)
        {
            capsAfterCompaction[path] = after;
        }

        return this;
    }

    /// <summary>The kernel accepts <paramref name="written"/> but then shows <paramref name="held"/> (a value
    /// clamped or rounded by the kernel, or changed at once by a daemon).</summary>
    public ScriptedKernelFiles HoldInstead(string path, string written, string held)
    {
        heldInstead[(path, written)] = held;
        return this;
    }

    /// <summary>What opening the file for writing says (EROFS in a container, EACCES for a non-root user).</summary>
    public ScriptedKernelFiles ReportWritability(string path, Writability answer)
    {
        writability[path] = answer;
        return this;
    }

    public Fact<string> Read(string hostPath) =>
        contents.TryGetValue(hostPath, out var content)
            ? SysctlInspector.CollapseWhitespace(content)
            : Fact.Unknown<string>(UnknownReason.Absent(hostPath));

    public WriteOutcome Write(string hostPath, string value)
    {
        RequireKnobPath(hostPath);
        if (value.Any(char.IsControl))
        {
            throw new AiTuneException($"refusing to write to {hostPath}: the value has a control character", "knob values are single lines of printable text");
        }

        var outcome = Store(hostPath, value);
        writes.Add(new KernelWrite(hostPath, value, outcome.IsWritten));
        return outcome;
    }

    public Writability CheckWritable(string hostPath)
    {
        RequireKnobPath(hostPath);
        return writability.TryGetValue(hostPath, out var answer) ? answer
            : contents.ContainsKey(hostPath) ? Writability.Writable
            : Writability.Missing;
    }

    private WriteOutcome Store(string path, string value)
    {
        if (everyWriteRefused.TryGetValue(path, out var errno) || valuesRefused.TryGetValue((path, value), out errno))
        {
            return Refused(errno, path, value);
        }

        if (path == CompactMemory)
        {
            // Write-only (0200) in the kernel: nothing to show afterwards, only memory compacted.
            foreach (var (pool, cap) in capsAfterCompaction)
            {
                hugePageCaps[pool] = cap;
            }

            return WriteOutcome.Written;
        }

        if (!contents.TryGetValue(path, out var current))
        {
            return WriteOutcome.Rejected(Posix.ENOENT, $"{path} does not exist (ENOENT)");
        }

        if (current.Contains('[', StringComparison.Ordinal))
        {
            // A choice file ("always [madvise] never"): the kernel takes one of its words and moves the brackets.
            var options = current.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(o => o.Trim('[', ']')).ToList();
            if (!options.Contains(value))
            {
                return Refused(Posix.EINVAL, path, value);
            }

            contents[path] = string.Join(' ', options.Select(o => o == value ? $"[{o}]" : o));
            return WriteOutcome.Written;
        }

        contents[path] = hugePageCaps.TryGetValue(path, out var granted) && long.TryParse(value, out var asked)
            ? Math.Min(asked, granted).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : heldInstead.GetValueOrDefault((path, value), value);
        return WriteOutcome.Written;
    }

    /// <summary>The message KernelFiles gives for a refused write(2).</summary>
    private static WriteOutcome Refused(int errno, string path, string value) =>
        WriteOutcome.Rejected(errno, $"{Posix.Describe(errno)} writing '{value}' to {path}");

    private static void RequireKnobPath(string hostPath)
    {
        if (!KnobLocator.IsAllowed(hostPath))
        {
            throw new AiTuneException($"refusing to write {hostPath}: not a knob file aitune may write", "the fake kernel keeps the real allow-list");
        }
    }
}
