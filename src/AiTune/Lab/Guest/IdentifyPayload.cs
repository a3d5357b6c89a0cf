using System.Globalization;
using System.Text.Json;
using AiTune.Interop;
using AiTune.Lab.Compression;
using AiTune.Text;

namespace AiTune.Lab.Guest;

/// <summary>The built-in "identify" payload: which kernel ran, with which command line, clocksource and
/// configuration, on how many CPUs and how much memory. The lab checks it against the kernel it meant to boot.</summary>
public static class IdentifyPayload
{
    public const string Name = "identify";

    private const int MaxConfigBytes = 16 << 20;

    public static byte[] Run(LabSettings settings, GuestBoot boot) =>
        JsonSerializer.SerializeToUtf8Bytes(Identify(settings, boot), LabGuestJsonContext.Readable.GuestIdentity);

    /// <summary>This guest's kernel as it runs, for any payload's document.</summary>
    public static GuestIdentity Identify(LabSettings settings, GuestBoot boot)
    {
        var uname = Uname.Read() ?? throw new InvalidOperationException($"uname(2) failed: {Posix.Describe(Posix.LastError)}");
        string? config = null;
        if (BoundedFile.ReadBytes("/proc/config.gz", MaxConfigBytes) is { } compressed)
        {
            config = System.Text.Encoding.UTF8.GetString(Decompression.ReadAll(compressed, MaxConfigBytes, "/proc/config.gz"));
        }

        return new GuestIdentity(
            1,
            settings.Payload,
            settings.Seed,
            uname.Release,
            uname.Version,
            uname.Machine,
            (BoundedFile.ReadText("/proc/cmdline", 8192) ?? "").TrimEnd('\n'),
            BoundedFile.ReadText("/sys/devices/system/clocksource/clocksource0/current_clocksource", 4096)?.Trim(),
            config,
            config is null ? null : Sha256.HexOfUtf8(config),
            Environment.ProcessorCount,
            MemTotalKb(BoundedFile.ReadText("/proc/meminfo", 1 << 16)),
            KernelLogReader.Critical(KernelLogReader.ReadRecords()),
            boot);
    }

    /// <summary>The MemTotal line's kB, null when absent.</summary>
    public static long? MemTotalKb(string? meminfo)
    {
        foreach (string line in (meminfo ?? "").Split('\n'))
        {
            if (!line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                continue;
            }

            string value = line["MemTotal:".Length..].Trim();
            if (value.EndsWith(" kB", StringComparison.Ordinal))
            {
                value = value[..^3].Trim();
            }

            return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long kb) ? kb : null;
        }

        return null;
    }
}
