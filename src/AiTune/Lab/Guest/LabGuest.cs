using System.Diagnostics;
using System.Text.Json;
using AiTune.Interop;
using AiTune.Lab.Channel;

namespace AiTune.Lab.Guest;

/// <summary>
/// aitune as PID 1 in a lab guest. Program.cs calls <see cref="TakeOverIfLabGuest"/> first thing: on any normal host
/// it costs one getpid() and returns. When aitune is PID 1 and the kernel command line has aitune.lab=1, it mounts the
/// kernel's filesystems, loads the listed modules, finds the results port, runs the payload, sends its document framed
/// and checksummed, syncs and powers off — and never returns, whatever fails: PID 1 exiting would panic the kernel, so
/// a failure becomes an error document (when the port is open), a message on the console, and a power-off.
/// </summary>
public static class LabGuest
{
    private static readonly TimeSpan PortWait = TimeSpan.FromSeconds(30);

    /// <summary>Returns at once unless this process is a lab guest's init; then runs <paramref name="payload"/> and
    /// powers the machine off.</summary>
    public static void TakeOverIfLabGuest(LabPayload payload)
    {
        if (Posix.GetPid() != 1)
        {
            return;
        }

        if (!IsLabKernel(out bool procWasMounted, out string commandLine))
        {
            return;
        }

        RunAsInit(payload, procWasMounted, commandLine);
    }

    /// <summary>PID 1 may also be a container's entry point: only a kernel booted with aitune.lab=1 makes this a lab
    /// guest. proc is mounted to read the command line, and unmounted again when it is not one.</summary>
    private static bool IsLabKernel(out bool procWasMounted, out string commandLine)
    {
        commandLine = "";
        procWasMounted = File.Exists("/proc/self/stat");
        if (!procWasMounted)
        {
            try
            {
                Directory.CreateDirectory("/proc");
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }

            if (Posix.Mount("proc", "/proc", "proc", Posix.MountNoSuid | Posix.MountNoDev | Posix.MountNoExec, null) != 0)
            {
                return false;
            }
        }

        commandLine = BoundedFile.ReadText("/proc/cmdline", 8192) ?? "";
        bool lab = LabKernelArguments.IsLabGuest(commandLine);
        if (!lab && !procWasMounted)
        {
            Posix.Unmount("/proc");
        }

        // From here proc is mounted either way.
        procWasMounted = true;
        return lab;
    }

    private static void RunAsInit(LabPayload payload, bool procMounted, string commandLine)
    {
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            GuestConsole.WriteLine("unhandled exception on a thread: " + e.ExceptionObject);
            PowerOff();
        };

        var clock = Stopwatch.StartNew();
        // Before anything else touches memory: every page PID 1 touches from here on is a base page.
        string? basePages = BasePagesOnly.Enter();
        string stage = "mounts";
        int port = -1;
        try
        {
            var mountProblems = GuestMounts.MountAll(procMounted);
            if (LoopbackInterface.BringUp() is { } loopback)
            {
                mountProblems = [.. mountProblems, loopback];
            }

            GuestConsole.WriteLine("started");
            if (basePages is not null)
            {
                GuestConsole.WriteLine(basePages);
            }

            stage = "address space layout";
            if (AddressSpaceLayout.Restore(commandLine, Uname.Read()?.Release ?? "") is { } problem)
            {
                GuestConsole.WriteLine(problem);
            }

            stage = "modules";
            var modules = BoundedFile.ReadText(ModuleList.GuestPath, ModuleList.MaxBytes) is { } list ? ModuleList.Parse(list) : [];
            var (loaded, present) = KernelModuleLoader.LoadAll(modules);

            stage = "results port";
            string portPath = WaitForPort(PortWait);
            port = OpenPort(portPath);

            stage = "settings";
            var settings = ReadSettings();

            stage = "payload";
            byte[] document = payload(settings, new GuestBoot(mountProblems, loaded, present, portPath));
            WriteFrame(port, ResultKind.Result, document);
            GuestConsole.WriteLine($"results sent ({document.Length} bytes, {clock.ElapsedMilliseconds} ms after start)");
        }
        catch (Exception e)
        {
            Fail(e, stage, ref port);
        }
        finally
        {
            if (port >= 0)
            {
                Posix.Close(port);
            }

            PowerOff();
        }
    }

    private static void Fail(Exception e, string stage, ref int port)
    {
        try
        {
            var failure = e is AiTuneException known
                ? new GuestFailure(1, known.Message, known.Hint, e.GetType().Name, stage)
                : new GuestFailure(1, e.Message, null, e.GetType().FullName ?? e.GetType().Name, stage);
            GuestConsole.WriteLine($"error in {stage}: {(e is AiTuneException ? e.Message : e.ToString())}");
            if (port < 0 && ResultsPortLocator.Find() is { } path)
            {
                port = Posix.Open(path, Posix.OWrOnly | Posix.OCloExec);
            }

            if (port >= 0)
            {
                WriteFrame(port, ResultKind.Error, JsonSerializer.SerializeToUtf8Bytes(failure, LabGuestJsonContext.Readable.GuestFailure));
            }
        }
        catch (Exception inner)
        {
            GuestConsole.WriteLine("could not report the error: " + inner.Message);
        }
    }

    private static string WaitForPort(TimeSpan wait)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            // The node appears when devtmpfs's thread has made it, a moment after the sysfs entry.
            if (ResultsPortLocator.Find() is { } path && File.Exists(path))
            {
                return path;
            }

            if (clock.Elapsed > wait)
            {
                throw new AiTuneException($"the lab guest found no virtio-serial port named {ResultsPortLocator.PortName} in {wait.TotalSeconds:0} s",
                    "the guest kernel needs virtio_pci and virtio_console (built in, or listed in /aitune/modules)");
            }

            // The port comes a few milliseconds after the driver (the host announces it over the control queue):
            // a short sleep, because everything the guest waits is part of its boot's cost (under -icount idle
            // time still advances the guest's clock), and a poll while nothing is there costs a directory lookup.
            Thread.Sleep(1);
        }
    }

    private static int OpenPort(string path)
    {
        int fd = Posix.Open(path, Posix.OWrOnly | Posix.OCloExec);
        return fd >= 0
            ? fd
            : throw new AiTuneException($"the lab guest cannot open {path}: {Posix.Describe(Posix.LastError)}", "the results port is not usable");
    }

    private static LabSettings ReadSettings()
    {
        byte[] json = BoundedFile.ReadBytes(LabSettings.GuestPath, LabSettings.MaxBytes)
            ?? throw new AiTuneException($"the lab guest has no {LabSettings.GuestPath}", "the image builder writes it; the image is incomplete");
        LabSettings? settings;
        try
        {
            settings = JsonSerializer.Deserialize(json, LabGuestJsonContext.Default.LabSettings);
        }
        catch (JsonException e)
        {
            throw new AiTuneException($"{LabSettings.GuestPath} is not valid: {e.Message}", "the image builder writes it; the image is damaged", e);
        }

        if (settings is null || settings.Payload is null)
        {
            throw new AiTuneException($"{LabSettings.GuestPath} names no payload", "the image builder writes it; the image is damaged");
        }

        return settings.SchemaVersion == LabSettings.CurrentSchemaVersion
            ? settings
            : throw new AiTuneException($"{LabSettings.GuestPath} has schema version {settings.SchemaVersion}; this aitune reads {LabSettings.CurrentSchemaVersion}",
                "build the image with the same aitune that runs in it");
    }

    private static void WriteFrame(int port, ResultKind kind, byte[] document)
    {
        if (!Posix.WriteAll(port, ResultFraming.Encode(kind, document)))
        {
            throw new IOException($"writing the results port failed: {Posix.Describe(Posix.LastError)}");
        }
    }

    /// <summary>sync, then power off; reboot(2) does not return when it works. If it fails, PID 1 still must not exit:
    /// it waits for the host's watchdog.</summary>
    private static void PowerOff()
    {
        Posix.Sync();
        GuestConsole.WriteLine("powering off");
        Posix.Reboot(Posix.RebootPowerOff);
        GuestConsole.WriteLine("reboot(POWER_OFF) failed: " + Posix.Describe(Posix.LastError) + "; waiting to be stopped");
        Thread.Sleep(Timeout.Infinite);
    }
}
