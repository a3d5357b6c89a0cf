using System.Globalization;

namespace AiTune.Tests;

public class SideWorkTests
{
    [Fact]
    public void Work_on_its_own_thread_hands_back_its_result_from_that_thread()
    {
        int caller = Environment.CurrentManagedThreadId;

        var side = SideWork<(int Thread, string Text)>.Start(() => (Environment.CurrentManagedThreadId, "read"), "test", ownThread: true);

        var (thread, text) = side.Join();
        Assert.NotEqual(caller, thread);
        Assert.Equal("read", text);
    }

    [Fact]
    public void Without_a_second_cpu_the_work_runs_at_once_on_the_callers_thread()
    {
        int caller = Environment.CurrentManagedThreadId;
        var order = new List<string>();

        var side = SideWork<int>.Start(() =>
        {
            order.Add("side");
            return Environment.CurrentManagedThreadId;
        }, "test", ownThread: false);
        order.Add("caller");

        Assert.Equal(caller, side.Join());
        Assert.Equal(["side", "caller"], order);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void What_the_work_threw_is_thrown_by_join_with_the_works_own_stack(bool ownThread)
    {
        var side = SideWork<int>.Start(FailingRead, "test", ownThread);

        var error = Assert.Throws<AiTuneException>(() => side.Join());
        Assert.Equal("cannot read /proc/version", error.Message);
        Assert.Equal("check the mount", error.Hint);
        Assert.Contains(nameof(FailingRead), error.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public void Join_may_be_called_again_and_gives_the_same_result()
    {
        var side = SideWork<string>.Start(() => 42.ToString(CultureInfo.InvariantCulture), "test", ownThread: true);

        Assert.Equal("42", side.Join());
        Assert.Equal("42", side.Join());
    }

    private static int FailingRead() => throw new AiTuneException("cannot read /proc/version", "check the mount");
}
