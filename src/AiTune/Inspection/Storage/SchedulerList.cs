namespace AiTune.Inspection.Storage;

/// <summary>The content of queue/scheduler: the schedulers a request queue offers and the one it uses.</summary>
/// <param name="Active">The bracketed entry; "none" when the queue runs without a scheduler.</param>
/// <param name="Available">Every entry, in the kernel's order, brackets removed.</param>
public sealed record SchedulerList(string Active, IReadOnlyList<string> Available);
