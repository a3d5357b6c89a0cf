using System.Collections.Concurrent;

namespace AiTune.Tests;

public class SharedWorkTests
{
    [Fact]
    public void Every_item_is_done_once_and_its_result_lands_at_its_index()
    {
        var done = new ConcurrentBag<int>();

        var results = SharedWork<string>.Start(500, i =>
        {
            done.Add(i);
            return "item " + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }, "test", ownThread: true).Finish();

        Assert.Equal(Enumerable.Range(0, 500), done.Order());
        Assert.Equal(Enumerable.Range(0, 500).Select(i => "item " + i.ToString(System.Globalization.CultureInfo.InvariantCulture)), results);
    }

    [Fact]
    public void The_caller_takes_the_items_the_second_thread_has_not_started()
    {
        using var blocked = new ManualResetEventSlim();
        var threads = new ConcurrentDictionary<int, int>();
        int caller = Environment.CurrentManagedThreadId;

        // The second thread is held in item 0 until the caller has done the rest: had the items been split in
        // halves, the caller could not have finished them.
        var work = SharedWork<int>.Start(4, i =>
        {
            threads[i] = Environment.CurrentManagedThreadId;
            if (i == 0)
            {
                blocked.Wait(TimeSpan.FromSeconds(30));
            }

            return i * i;
        }, "test", ownThread: true);
        SpinWait.SpinUntil(() => threads.ContainsKey(0), TimeSpan.FromSeconds(30));
        int finisher = 0;
        int[] results = [];
        var finishing = new Thread(() => (finisher, results) = (Environment.CurrentManagedThreadId, work.Finish()));
        finishing.Start();
        SpinWait.SpinUntil(() => threads.Count == 4, TimeSpan.FromSeconds(30));
        blocked.Set();
        finishing.Join();

        Assert.Equal([0, 1, 4, 9], results);
        Assert.NotEqual(finisher, threads[0]);
        Assert.All([1, 2, 3], i => Assert.Equal(finisher, threads[i]));
        Assert.NotEqual(caller, threads[0]);
    }

    [Fact]
    public void Without_a_second_cpu_every_item_is_done_at_start_in_order()
    {
        var order = new List<int>();

        var work = SharedWork<int>.Start(3, i =>
        {
            order.Add(i);
            return i;
        }, "test", ownThread: false);
        order.Add(-1);

        Assert.Equal([0, 1, 2], work.Finish());
        Assert.Equal([0, 1, 2, -1], order);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void What_an_item_threw_is_thrown_by_finish(bool ownThread)
    {
        var work = SharedWork<int>.Start(3, i => i == 1 ? throw new AiTuneException("cannot judge profile 1", "check it") : i, "test", ownThread);

        var error = Assert.Throws<AiTuneException>(() => work.Finish());
        Assert.Equal("cannot judge profile 1", error.Message);
    }
}
