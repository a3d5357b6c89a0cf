namespace AiTune;

/// <summary>A known number of independent items (profiles to judge) shared between the caller's thread and a second
/// CPU (<see cref="SideWork{T}"/>): the second starts at once, the caller joins in when it has finished its own work,
/// and each takes the next item nobody has taken, so neither waits for more than the one item the other is on, however
/// unequal the items or the caller's own work. Each item's result goes to its own slot. On a single CPU every item is
/// done at <see cref="Start"/>, in order.</summary>
public sealed class SharedWork<T>
{
    private readonly Func<int, T> work;
    private readonly T[] results;
    private readonly SideWork<bool> side;
    private int next = -1;

    private SharedWork(int count, Func<int, T> work, string name, bool ownThread)
    {
        this.work = work;
        results = new T[count];
        side = SideWork<bool>.Start(TakeTurns, name, ownThread);
    }

    /// <summary>Starts on the items 0 to <paramref name="count"/> − 1.</summary>
    public static SharedWork<T> Start(int count, Func<int, T> work, string name) => new(count, work, name, Environment.ProcessorCount > 1);

    internal static SharedWork<T> Start(int count, Func<int, T> work, string name, bool ownThread) => new(count, work, name, ownThread);

    /// <summary>Does what is left on this thread, waits for the second, and gives every item's result by its index;
    /// what an item threw is thrown here.</summary>
    public T[] Finish()
    {
        TakeTurns();
        side.Join();
        return results;
    }

    private bool TakeTurns()
    {
        for (int i = Interlocked.Increment(ref next); i < results.Length; i = Interlocked.Increment(ref next))
        {
            results[i] = work(i);
        }

        return true;
    }
}
