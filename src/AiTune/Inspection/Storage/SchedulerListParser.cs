using AiTune.Inspection.Sysctl;

namespace AiTune.Inspection.Storage;

/// <summary>
/// Parses /sys/block/NAME/queue/scheduler. Documentation/block/switching-sched.rst: "cat
/// /sys/block/sda/queue/scheduler … [mq-deadline] kyber bfq none"; the active scheduler is the one in brackets.
/// The kernel prints "none" first since 6.x ("[none] mq-deadline kyber bfq ", with a trailing space) and last
/// before ("[mq-deadline] none"), and a queue that cannot take a scheduler prints "none" alone.
/// </summary>
public static class SchedulerListParser
{
    /// <summary>Far above the handful of schedulers a kernel registers; a longer list is not a scheduler file.</summary>
    private const int MaxEntries = 64;

    public static Fact<SchedulerList> Parse(string path, string text)
    {
        var entries = text.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (entries.Length == 0)
        {
            return Fact.Unknown<SchedulerList>(UnknownReason.Malformed(path, "empty"));
        }

        if (entries.Length > MaxEntries)
        {
            return Fact.Unknown<SchedulerList>(UnknownReason.Malformed(path, $"{entries.Length} entries, not a scheduler list"));
        }

        string? active = null;
        var available = new List<string>(entries.Length);
        foreach (var entry in entries)
        {
            bool bracketed = entry.Length > 2 && entry[0] == '[' && entry[^1] == ']';
            var name = bracketed ? entry[1..^1] : entry;
            if (!IsSchedulerName(name))
            {
                return Fact.Unknown<SchedulerList>(UnknownReason.Malformed(path, $"'{SysctlValue.Shorten(entry)}' is not a scheduler name"));
            }

            if (bracketed)
            {
                if (active is not null)
                {
                    return Fact.Unknown<SchedulerList>(UnknownReason.Malformed(path, "more than one scheduler in brackets"));
                }

                active = name;
            }

            available.Add(name);
        }

        if (active is null)
        {
            // "none" alone: the queue is not one a scheduler can drive. Several names without brackets: not the kernel's format.
            if (entries is ["none"])
            {
                return new SchedulerList("none", ["none"]);
            }

            return Fact.Unknown<SchedulerList>(UnknownReason.Malformed(path, "no scheduler in brackets"));
        }

        return new SchedulerList(active, available);
    }

    /// <summary>Elevator names are short identifiers: "mq-deadline", "kyber", "bfq", "none", legacy "cfq".</summary>
    private static bool IsSchedulerName(string name) =>
        name.Length is > 0 and <= 32 && name.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_');
}
