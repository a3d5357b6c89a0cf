using System.Diagnostics;
using System.Globalization;
using System.Text;
using AiTune.Inspection.Cpu;
using AiTune.Interop;

namespace AiTune.Lab.Qemu;

/// <summary>
/// Runs one QEMU guest to its end under a watchdog. QEMU is started without a shell with the command's argument
/// vector, and is never left running: when the watchdog expires, when the caller cancels (Ctrl-C), or when anything
/// here throws, it gets SIGTERM, then SIGKILL after a grace period, and is waited for; when aitune itself is killed,
/// the kernel kills QEMU (<see cref="ParentDeathGuard"/>).
/// </summary>
public static class QemuRunner
{
    /// <summary>The most of the console log kept for the outcome: its tail, where a panic is.</summary>
    public const int MaxConsoleBytes = 1 << 20;

    /// <summary>The most of QEMU's own stdout and stderr kept.</summary>
    public const int MaxQemuMessageChars = 16 << 10;

    private static readonly TimeSpan TermGrace = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Runs <paramref name="command"/> until QEMU exits or <paramref name="timeout"/> passes. Cancelling
    /// <paramref name="cancellation"/> kills QEMU and then throws <see cref="OperationCanceledException"/>.</summary>
    /// <param name="consoleLog">The host file the command sends the guest console to, read back for the outcome.</param>
    public static async Task<QemuRunOutcome> RunAsync(QemuCommand command, string consoleLog, TimeSpan timeout, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var (executable, arguments) = ParentDeathGuard.Wrap(command, ParentDeathGuard.Setpriv);
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var messages = new BoundedText(MaxQemuMessageChars);
        double? loadAtStart = ReadLoadAverage();
        long? hostBusyAtStart = ReadHostBusyTicks();
        long? selfAtStart = ProcessCpuTicks.Read("self");
        long? qemuTicks = null;

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => messages.AppendLine(e.Data);
        process.ErrorDataReceived += (_, e) => messages.AppendLine(e.Data);
        var clock = Stopwatch.StartNew();
        try
        {
            StartFromOwnThread(process, command.HostCpus);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new AiTuneException($"{executable} could not be started: {e.Message}", "check the QEMU installation", e);
        }

        string pid = process.Id.ToString(CultureInfo.InvariantCulture);
        bool timedOut = false;
        try
        {
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var exited = process.WaitForExitAsync(CancellationToken.None);
            while (!exited.IsCompleted)
            {
                qemuTicks = ProcessCpuTicks.Read(pid) ?? qemuTicks;
                if (clock.Elapsed >= timeout)
                {
                    timedOut = true;
                    await StopAsync(process).ConfigureAwait(false);
                    break;
                }

                var remaining = timeout - clock.Elapsed;
                var wait = remaining < SampleInterval ? remaining : SampleInterval;
                await Task.WhenAny(exited, Task.Delay(wait, cancellation)).ConfigureAwait(false);
                if (cancellation.IsCancellationRequested)
                {
                    await StopAsync(process).ConfigureAwait(false);
                    cancellation.ThrowIfCancellationRequested();
                }
            }

            await exited.ConfigureAwait(false);
        }
        finally
        {
            if (!process.HasExited)
            {
                await StopAsync(process).ConfigureAwait(false);
            }
        }

        clock.Stop();
        // Drains the asynchronous readers of stdout and stderr.
        process.WaitForExit();
        long? hostBusyAtEnd = ReadHostBusyTicks();
        long? selfAtEnd = ProcessCpuTicks.Read("self");
        double? foreign = hostBusyAtStart is { } b0 && hostBusyAtEnd is { } b1 && selfAtStart is { } s0 && selfAtEnd is { } s1
            ? Math.Max(0, b1 - b0 - (qemuTicks ?? 0) - (s1 - s0)) / (double)ProcessCpuTicks.TicksPerSecond
            : null;
        var load = new HostLoad(loadAtStart, ReadLoadAverage(), foreign, qemuTicks / (double?)ProcessCpuTicks.TicksPerSecond, Environment.ProcessorCount);

        int exitCode = process.ExitCode;
        var exit = timedOut ? QemuExit.TimedOut : exitCode == 0 ? QemuExit.PoweredOff : QemuExit.Crashed;
        return new QemuRunOutcome(exit, timedOut ? null : exitCode, clock.Elapsed, load, messages.ToString(), ReadConsoleTail(consoleLog));
    }

    /// <summary>Starts <paramref name="process"/> from a thread that then waits for it to exit: the parent-death
    /// signal follows the thread that forked, and a pool thread may retire while QEMU still runs. The thread is first
    /// pinned to <paramref name="hostCpus"/> when given, which QEMU and every thread it starts inherit.</summary>
    private static void StartFromOwnThread(Process process, IReadOnlyList<int>? hostCpus)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var parent = new Thread(() =>
        {
            try
            {
                if (hostCpus is not null && Posix.PinCurrentThread(hostCpus) != 0)
                {
                    throw new AiTuneException($"QEMU could not be pinned to host CPUs {HostCpuPin.Describe(hostCpus)}: {Posix.Describe(Posix.LastError)}",
                        "the CPUs aitune may use changed while it ran (a cpuset or taskset): run the lab again");
                }

                process.Start();
            }
            catch (Exception e)
            {
                started.SetException(e);
                return;
            }

            started.SetResult();
            process.WaitForExit();
        })
        {
            IsBackground = true,
            Name = "qemu parent",
        };
        parent.Start();
        started.Task.GetAwaiter().GetResult();
    }

    /// <summary>The last <see cref="MaxConsoleBytes"/> of the console log as text ("" when QEMU never created it).</summary>
    public static string ReadConsoleTail(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            long skip = Math.Max(0, stream.Length - MaxConsoleBytes);
            stream.Seek(skip, SeekOrigin.Begin);
            var buffer = new byte[stream.Length - skip];
            stream.ReadExactly(buffer);
            return Encoding.UTF8.GetString(buffer);
        }
        catch (FileNotFoundException)
        {
            return "";
        }
        catch (DirectoryNotFoundException)
        {
            return "";
        }
    }

    /// <summary>SIGTERM lets QEMU close its files; SIGKILL follows when it has not exited within the grace period.</summary>
    private static async Task StopAsync(Process process)
    {
        try
        {
            if (process.HasExited)
            {
                return;
            }

            Posix.Kill(process.Id, Posix.SigTerm);
            using var grace = new CancellationTokenSource(TermGrace);
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException)
            {
            }

            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the signal.
        }
    }

    private static double? ReadLoadAverage() =>
        ReadProc("/proc/loadavg") is { } text && LoadAverageParser.ParseOneMinute(text, "/proc/loadavg").TryGet(out double load) ? load : null;

    private static long? ReadHostBusyTicks() =>
        ReadProc("/proc/stat") is { } text && ProcStatParser.Parse(text, "/proc/stat").TryGet(out var times)
            ? times.Tasks + times.Irq + times.SoftIrq + times.Steal
            : null;

    private static string? ReadProc(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
