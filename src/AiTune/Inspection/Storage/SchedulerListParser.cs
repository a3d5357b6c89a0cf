using AiTune.Facts;

namespace AiTune.Inspection.Storage;

/// <summary>
/// Parses /sys/block/NAME/queue/scheduler. Documentation/block/switching-sched.rst: "cat
/// /sys/block/sda/queue/scheduler … [mq-deadline] kyber bfq none"; the active scheduler is the one in brackets.
/// The kernel prints "none" first since 6.x ("[none] mq-deadline kyber bfq ", with a trailing space) and last
/// before ("[mq-deadline] none"), and a queue that cannot take a scheduler prints "none" alone.
/// </summary>
public static class SchedulerListParser
{
    public static Fact<SchedulerList> Parse(string path, string text)
    {
        var choice = KernelChoice.Parse(text, path, "scheduler");
        if (choice.Active.TryGet(out var active))
        {
            return new SchedulerList(active, choice.Options);
        }

        // "none" alone: the queue is not one a scheduler can drive.
        return choice.Options is ["none"] ? new SchedulerList("none", ["none"]) : Fact.Unknown<SchedulerList>(choice.Active.Reason!);
    }
}
