using System.Text.RegularExpressions;
using AiTune.Interop;
using AiTune.Tests.Support;

namespace AiTune.Tests.Interop;

/// <summary>Random names come from getrandom(2), never from OpenSSL, which a lab guest does not have.</summary>
public partial class RandomBytesTests
{
    [Fact]
    public void Random_hex_has_the_asked_length_and_differs_each_time()
    {
        var names = Enumerable.Range(0, 50).Select(_ => Posix.RandomHex(8)).ToList();

        Assert.All(names, n => Assert.Matches(Hex(), n));
        Assert.Equal(50, names.Distinct().Count());
    }

    [Fact]
    public void A_large_buffer_is_filled_whole()
    {
        var buffer = new byte[1 << 20];

        Posix.FillRandom(buffer);

        // 1 MiB of zeros at the end would mean a short read was taken for the whole.
        Assert.Contains(buffer[^4096..], b => b != 0);
    }

    /// <summary>RandomNumberGenerator loads libssl on Linux; in a lab guest (libc, libm, ld-linux only) the runtime
    /// then aborts PID 1 and the kernel panics. Only the host-side package cache may hash through OpenSSL.</summary>
    [Fact]
    public void No_engine_code_that_runs_in_a_lab_guest_uses_openssl()
    {
        var users = Directory.EnumerateFiles(FixturePaths.Repository("src/AiTune"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal)
                && File.ReadLines(f).Any(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal) && line.Contains("System.Security.Cryptography", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(FixturePaths.Repository("src/AiTune"), f))
            .Order(StringComparer.Ordinal)
            .ToList();

        // Code, not comments (Text/Sha256.cs says why it does not use .NET's SHA256).
        Assert.Equal(["Lab/Packages/KernelPackageCache.cs"], users);
    }

    [GeneratedRegex("^[0-9a-f]{16}$")]
    private static partial Regex Hex();
}
