using System.Text.Json;
using AiTune.Lab.Guest;
using AiTune.Lab.Qemu;

namespace AiTune.Services.Lab;

/// <summary>
/// `aitune lab boot`: boots each kernel in the lab's guest with the identity payload only, round after round in the
/// interleaved order: does this kernel boot healthy in the lab, which kernel and clocksource did the guest see, and
/// what one boot costs before any suite runs (the lab's own overhead, measured against a minimal reference in
/// docs/BENCHMARKS.md). Nothing is stored.
/// </summary>
public sealed class LabBootSession(string toolVersion)
{
    public LabBootReport Boot(LabBootRequest request, Action<string>? progress, CancellationToken cancellation)
    {
        if (request.Kernels.Count == 0)
        {
            throw new AiTuneException("lab boot needs at least one --kernel", "aitune lab boot --kernel A.deb [--kernel B.deb]");
        }

        if (request.Rounds is < 1 or > 100)
        {
            throw new AiTuneException($"--rounds {request.Rounds}: give 1 to 100", "5 rounds show the spread of boot times");
        }

        var qemu = QemuLocator.Find(QemuTargets.ForHost());
        var kernels = LabSession.ResolveKernels(request.Kernels, request.Root, toolVersion);
        var kvm = LabSession.ProbeKvm(qemu, kernels[0], request.CacheRoot, request.Accelerator, request.Measure, progress, cancellation);
        var (measure, accelerator) = LabSession.ChooseMachine(request.Accelerator, request.Measure, kvm);
        int cpus = measure == LabMeasure.Instructions ? 1 : request.Cpus;
        var keys = LabGuestImage.Keys(kernels.Count);
        var settings = JsonSerializer.SerializeToUtf8Bytes(new LabSettings(LabSettings.CurrentSchemaVersion, IdentifyPayload.Name, 1), LabGuestJsonContext.Readable.LabSettings);
        using var work = LabWorkDirectory.Create();
        var images = LabGuestImage.Prepare(kernels, keys, request.GuestBinary, request.CacheRoot, settings, work, progress, cancellation);

        var boots = new List<LabBootCheck>();
        foreach (var (round, index) in LabSchedule.Interleaved(kernels.Count, request.Rounds))
        {
            cancellation.ThrowIfCancellationRequested();
            progress?.Invoke($"round {round}/{request.Rounds}: booting {keys[index]} {kernels[index].Release}");
            var machine = new GuestMachine(images[index].Kernel.ImagePath, images[index].Initrd, work.File($"console-{keys[index]}-{round}.log"),
                work.File($"results-{keys[index]}-{round}.bin"), cpus, request.MemoryMiB, accelerator, measure, []);
            var guest = GuestRun.Boot(qemu, machine, request.Timeout, cancellation);
            double wall = guest.Outcome.WallTime.TotalSeconds;
            if (guest.Payload is not { } payload)
            {
                boots.Add(new LabBootCheck(keys[index], kernels[index].Release, round, wall, null, guest.Failure, guest.Health.LastLines, guest.Health.PowerOffSeconds));
                continue;
            }

            GuestIdentity identity;
            try
            {
                identity = JsonSerializer.Deserialize(payload, LabGuestJsonContext.Readable.GuestIdentity) ?? throw new JsonException("the document is null");
            }
            catch (JsonException e)
            {
                boots.Add(new LabBootCheck(keys[index], kernels[index].Release, round, wall, null, "the guest's document is not an identity: " + e.Message, [], guest.Health.PowerOffSeconds));
                continue;
            }

            LabSession.CheckIdentity(kernels[index], identity);
            // The configuration text is the image's own (checked by its hash where the kernel has /proc/config.gz);
            // the report keeps the hash, not the text.
            boots.Add(new LabBootCheck(keys[index], kernels[index].Release, round, wall, identity with { KernelConfig = null }, null, [], guest.Health.PowerOffSeconds));
        }

        return new LabBootReport(measure, accelerator, cpus, request.MemoryMiB, qemu.Version.ToString(), boots);
    }
}
