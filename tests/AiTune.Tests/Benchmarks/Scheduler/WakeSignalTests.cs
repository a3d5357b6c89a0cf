using AiTune.Benchmarks.Scheduler;

namespace AiTune.Tests.Benchmarks.Scheduler;

public sealed class WakeSignalTests
{
    [Theory]
    [InlineData(WakeMechanism.Futex)]
    [InlineData(WakeMechanism.Eventfd)]
    [InlineData(WakeMechanism.Pipe)]
    public void A_post_before_the_wait_is_not_lost(WakeMechanism mechanism)
    {
        using var signal = WakeSignal.Create(mechanism);

        signal.Post();

        Assert.True(signal.Wait());
        Assert.False(signal.Interrupted);
    }

    [Theory]
    [InlineData(WakeMechanism.Futex)]
    [InlineData(WakeMechanism.Eventfd)]
    [InlineData(WakeMechanism.Pipe)]
    public void Interrupt_wakes_a_sleeping_waiter_with_false(WakeMechanism mechanism)
    {
        using var signal = WakeSignal.Create(mechanism);
        bool? woken = null;
        var waiter = new Thread(() => woken = signal.Wait());
        waiter.Start();
        Thread.Sleep(50);

        signal.Interrupt();

        Assert.True(waiter.Join(TimeSpan.FromSeconds(60)), "the waiter did not wake");
        Assert.False(woken);
    }
}
