using System.Text.Json;
using AiTune.Files;
using AiTune.Lab.Guest;
using AiTune.Lab.Qemu;
using AiTune.Text;

namespace AiTune.Services.Lab;

/// <summary>
/// `aitune lab snapshot`: boots each kernel once in a lab guest whose PID 1 runs `aitune snapshot` of the guest itself,
/// and writes the archive it sends back as RELEASE.tar.gz. What the snapshot holds is a real kernel's /proc and /sys as
/// it booted in QEMU (its sysctl defaults, its mitigations, its THP and scheduler files) and its configuration: host
/// fixtures of real kernels without installing them anywhere. The guest is checked to have run the kernel it was given.
/// </summary>
public sealed class LabSnapshotSession(string toolVersion)
{
    public IReadOnlyList<LabSnapshot> Capture(LabSnapshotRequest request, Action<string>? progress, CancellationToken cancellation)
    {
        if (request.Kernels.Count == 0)
        {
            throw new AiTuneException("lab snapshot needs at least one --kernel", "aitune lab snapshot --kernel A.deb --output DIR");
        }

        if (!Directory.Exists(request.OutputDirectory))
        {
            throw new AiTuneException($"the output directory {DisplayText.FilePath(request.OutputDirectory)} does not exist", "create it first, or give another --output");
        }

        if (!File.Exists(request.GuestBinary))
        {
            throw new AiTuneException($"the guest's aitune binary {DisplayText.FilePath(request.GuestBinary)} does not exist",
                "run the published aitune (dotnet publish src/AiTune.Cli -c Release -r linux-x64)");
        }

        var qemu = QemuLocator.Find(QemuTargets.ForHost());
        var kernels = LabSession.ResolveKernels(request.Kernels, request.Root, toolVersion);
        var kvm = LabSession.ProbeKvm(qemu, kernels[0], request.CacheRoot, request.Accelerator, LabMeasure.Time, progress, cancellation);
        var accelerator = KvmProbe.Choose(request.Accelerator, LabMeasure.Time, kvm);
        var duplicate = kernels.GroupBy(k => k.Release, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new AiTuneException($"{duplicate.Key} is named twice: each kernel's snapshot is written as RELEASE.tar.gz", "name each kernel once");
        }

        // Every target is checked before the first boot, so a taken name does not cost the boots before it.
        var targets = kernels.Select(k => OutputFile.RequireWritable(Path.Join(request.OutputDirectory, k.Release + ".tar.gz"), request.Replace).FullPath).ToList();
        var settings = new LabSettings(LabSettings.CurrentSchemaVersion, LabGuestPayloads.Snapshot, 1);
        var settingsJson = JsonSerializer.SerializeToUtf8Bytes(settings, LabGuestJsonContext.Readable.LabSettings);
        using var work = LabWorkDirectory.Create();
        var images = LabGuestImage.Prepare(kernels, LabGuestImage.Keys(kernels.Count), request.GuestBinary, request.CacheRoot, settingsJson, work, progress, cancellation);
        var snapshots = new List<LabSnapshot>();
        for (int i = 0; i < kernels.Count; i++)
        {
            var kernel = kernels[i];
            GuestRun? guest = null;
            int attempt = 0;
            while (attempt < 2 && (guest is null || (guest.Payload is null && guest.Retry)))
            {
                attempt++;
                progress?.Invoke($"booting {kernel.Release}" + (attempt > 1 ? " (retry)" : ""));
                var machine = new GuestMachine(images[i].Kernel.ImagePath, images[i].Initrd, work.File($"console-{i}-{attempt}.log"), work.File($"results-{i}-{attempt}.bin"),
                    request.Cpus, request.MemoryMiB, accelerator, LabMeasure.Time, []);
                guest = GuestRun.Boot(qemu, machine, request.Timeout, cancellation);
            }

            if (guest!.Payload is not { } payload)
            {
                throw new AiTuneException($"the guest of {kernel.Release} gave no snapshot: {guest.Failure}",
                    guest.Health.LastLines.Count == 0 ? "run it again; the console was empty" : "its console ended with: " + DisplayText.Excerpt(string.Join(" | ", guest.Health.LastLines.TakeLast(3)), 300));
            }

            GuestSnapshot document;
            try
            {
                document = JsonSerializer.Deserialize(payload, LabJsonContext.Strict.GuestSnapshot) ?? throw new JsonException("the document is null");
            }
            catch (JsonException e)
            {
                throw new AiTuneException($"the guest of {kernel.Release} sent no snapshot document: {e.Message}", "the guest's aitune and this one differ: build the image from the same aitune");
            }

            LabSession.CheckIdentity(kernel, document.Identity);
            long size = OutputFile.Write(targets[i], document.Archive.Length, request.Replace, stream =>
            {
                stream.Write(document.Archive);
                return (long)document.Archive.Length;
            }, cancellation);
            snapshots.Add(new LabSnapshot(kernel.Release, kernel.Origin, targets[i], size, document.Identity.Clocksource ?? "unknown", attempt));
        }

        return snapshots;
    }
}
