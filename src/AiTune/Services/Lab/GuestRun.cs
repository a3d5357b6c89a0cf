using System.Text;
using System.Text.Json;
using AiTune.Benchmarks.Load;
using AiTune.Lab.Channel;
using AiTune.Lab.Guest;
using AiTune.Lab.Qemu;
using AiTune.Text;

namespace AiTune.Services.Lab;

/// <summary>One lab guest booted to its end: QEMU's outcome, the boot-health gate, the host's load meanwhile, and the
/// payload's document when the guest delivered one intact; otherwise why not, and whether booting again may help.</summary>
/// <param name="Payload">The results frame's payload; null when the boot does not count.</param>
/// <param name="Failure">Why the boot does not count, in words; null when it does.</param>
/// <param name="Retry">A crash, a hang or lost results may go away on a second boot (the study saw one emulator
/// artefact in 14 boots); an error the payload reported would come back.</param>
public sealed record GuestRun(QemuRunOutcome Outcome, BootHealthReport Health, RunLoad? HostLoad, byte[]? Payload, string? Failure, bool Retry)
{
    /// <summary>Boots <paramref name="machine"/> and reads its results.</summary>
    public static GuestRun Boot(QemuBinary qemu, GuestMachine machine, TimeSpan timeout, CancellationToken cancellation)
    {
        var outcome = QemuRunner.RunAsync(QemuCommandLine.Build(qemu, machine), machine.ConsoleLog, timeout, cancellation).GetAwaiter().GetResult();
        var health = BootHealth.Judge(outcome.Console);
        var load = LabHostLoad.Of(outcome.Load, outcome.WallTime);
        GuestRun Failed(string why, bool retry = true) => new(outcome, health, load, null, why, retry);

        if (outcome.Exit == QemuExit.TimedOut)
        {
            return Failed($"the guest did not power off within {timeout.TotalSeconds:0} s (the watchdog stopped it)");
        }

        if (!health.Healthy)
        {
            return Failed($"the guest was not healthy: {health.Worst!.Kind}: {health.Worst.Line}");
        }

        ResultFrame frame;
        try
        {
            frame = ResultFraming.ReadFile(machine.ResultsFile);
        }
        catch (ResultFrameException e)
        {
            return Failed($"the guest's results do not count: {e.Message}");
        }

        return frame.Kind == ResultKind.Error
            ? Failed("the guest reported an error: " + GuestError(frame.Payload), retry: false)
            : new GuestRun(outcome, health, load, frame.Payload, null, false);
    }

    /// <summary>The guest's error document in words: its message, hint and the stage it failed in.</summary>
    private static string GuestError(byte[] payload)
    {
        try
        {
            var failure = JsonSerializer.Deserialize(payload, LabGuestJsonContext.Readable.GuestFailure);
            if (failure is not null)
            {
                return $"{DisplayText.Excerpt(failure.Error, 300)} (in {DisplayText.Excerpt(failure.Stage, 40)})" + (failure.Hint is null ? "" : $"; hint: {DisplayText.Excerpt(failure.Hint, 200)}");
            }
        }
        catch (JsonException)
        {
        }

        return DisplayText.Excerpt(Encoding.UTF8.GetString(payload), 300);
    }
}
