using AiTune.Facts;

namespace AiTune.Inspection.Kernel;

/// <summary>
/// The kernel config parsed last, kept with the exact bytes it was parsed from: `aitune serve` and `aitune monitor`
/// inspect the host again for every scrape or frame, and decompressing and parsing the same config each time was a
/// tenth of a warm scrape. A read whose bytes (and path) are the same gets the same result; any other is parsed.
/// Only one is kept: a process inspects one host.
/// </summary>
internal sealed class LastParsedConfig
{
    private readonly Lock gate = new();
    private string? path;
    private byte[]? bytes;
    private Fact<KernelConfigFile>? parsed;

    public Fact<KernelConfigFile> GetOrParse(string configPath, byte[] read, Func<byte[], Fact<KernelConfigFile>> parse)
    {
        lock (gate)
        {
            if (parsed is { } last && path == configPath && bytes.AsSpan().SequenceEqual(read))
            {
                return last;
            }
        }

        var result = parse(read);
        lock (gate)
        {
            (path, bytes, parsed) = (configPath, read, result);
        }

        return result;
    }
}
