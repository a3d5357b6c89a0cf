using System.Formats.Tar;
using AiTune.Lab.Compression;
using AiTune.Lab.Packages;

namespace AiTune.Tests.Support;

/// <summary>The real Debian kernel packages the lab's tests use: in $AITUNE_LAB_KERNELS, else
/// &lt;repo&gt;/artifacts/lab-kernels (tools/lab-kernels.sh fetches them).</summary>
public static class LabKernels
{
    public const string Generic61 = "linux-image-6.1.0-57-amd64-unsigned_6.1.192-3_amd64.deb";
    public const string Rt61 = "linux-image-6.1.0-57-rt-amd64-unsigned_6.1.192-3_amd64.deb";
    public const string Cloud61 = "linux-image-6.1.0-57-cloud-amd64-unsigned_6.1.192-3_amd64.deb";
    public const string Generic612 = "linux-image-6.12.118+deb12-amd64-unsigned_6.12.118-1~deb12u1_amd64.deb";

    public static string Directory =>
        Environment.GetEnvironmentVariable("AITUNE_LAB_KERNELS") is { Length: > 0 } named ? named : FixturePaths.Repository("artifacts/lab-kernels");

    /// <summary>The package's path. Missing packages are fetched once (tools/lab-kernels.sh, as `dotnet test` on a fresh
    /// clone must set itself up); one that still cannot be had fails the test with the way to fetch it.</summary>
    public static string Package(string name)
    {
        var path = Path.Combine(Directory, name);
        if (!System.IO.File.Exists(path))
        {
            Fetched.Value.ToString();
        }

        return System.IO.File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: run tools/lab-kernels.sh or set AITUNE_LAB_KERNELS");
    }

    private static readonly Lazy<bool> Fetched = new(() =>
    {
        using var fetch = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", [FixturePaths.Repository("tools/lab-kernels.sh"), Directory])
        {
            RedirectStandardOutput = true,
        })!;
        fetch.StandardOutput.ReadToEnd();
        fetch.WaitForExit();
        return fetch.ExitCode == 0;
    });

    private static readonly Dictionary<string, byte[]> Images = [];

    /// <summary>The whole boot/vmlinuz-* of a package, read with the lab's own ar reader and decompression.</summary>
    public static byte[] Image(string name)
    {
        lock (Images)
        {
            if (Images.TryGetValue(name, out var cached))
            {
                return cached;
            }

            using var file = System.IO.File.OpenRead(Package(name));
            using var ar = new ArArchiveReader(file, name);
            while (ar.Next() is { } member)
            {
                if (!member.Name.StartsWith("data.tar", StringComparison.Ordinal))
                {
                    continue;
                }

                using var tar = Decompression.Open(member.Content, CompressionFormat.Xz, 1L << 32, member.Name);
                var reader = new TarReader(tar);
                while (reader.GetNextEntry() is { } entry)
                {
                    if (entry.Name.StartsWith("./boot/vmlinuz-", StringComparison.Ordinal))
                    {
                        var bytes = new byte[entry.Length];
                        entry.DataStream!.ReadExactly(bytes);
                        return Images[name] = bytes;
                    }
                }
            }

            throw new InvalidDataException($"{name} holds no boot/vmlinuz-*");
        }
    }
}
