using System.Runtime.InteropServices;

namespace AiTune.Cli;

/// <summary>
/// Ctrl-C and SIGTERM as a cancellation token, for commands that run long: the first signal asks the work to stop
/// cleanly (temporary files removed, partial results kept); a second Ctrl-C is left to the default handler, so a
/// stuck run can still be killed.
/// </summary>
public sealed class InterruptSignal : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration interrupt;
    private readonly PosixSignalRegistration terminate;
    private readonly string stopping;

    /// <param name="stopping">What the command does when asked to stop, for the line it prints.</param>
    public InterruptSignal(TextWriter error, string stopping = "stopping after the current repetition")
    {
        this.stopping = stopping;
        interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Handle(context, error));
        terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Handle(context, error));
    }

    public CancellationToken Token => source.Token;

    public bool Raised => source.IsCancellationRequested;

    public void Dispose()
    {
        interrupt.Dispose();
        terminate.Dispose();
        source.Dispose();
    }

    private void Handle(PosixSignalContext context, TextWriter error)
    {
        if (source.IsCancellationRequested)
        {
            return;
        }

        context.Cancel = true;
        error.WriteLine($"{(context.Signal == PosixSignal.SIGINT ? "interrupt" : "terminate")}: {stopping} (Ctrl-C again to kill)");
        source.Cancel();
    }
}
