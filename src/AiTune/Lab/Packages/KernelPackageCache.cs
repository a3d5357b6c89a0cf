using System.Security.Cryptography;
using AiTune.Files;

namespace AiTune.Lab.Packages;

/// <summary>Kernel packages extracted for booting, one directory per package content: CACHE/SHA256/ holds its
/// boot/ and lib/modules/. The key is the file's SHA-256, not its name, so a re-downloaded or renamed package is found
/// again and a changed one is not mistaken for the old. A directory there is complete: extraction renames it into
/// place only at the end.</summary>
public static class KernelPackageCache
{
    /// <summary>Root's cache, beside the state directory (under --root trees and for other users, pass another).</summary>
    public static readonly string DefaultRoot = Path.Join(StateLocation.DefaultHostPath, "cache", "kernels");

    /// <summary>The extracted tree of <paramref name="package"/> under <paramref name="cacheRoot"/>, extracting it
    /// the first time.</summary>
    public static string Extract(DebianPackage package, string cacheRoot)
    {
        var destination = Path.Join(cacheRoot, Sha256Of(package.FilePath));
        if (Directory.Exists(destination))
        {
            return destination;
        }

        try
        {
            CreatePrivate(cacheRoot);
            package.ExtractKernelTree(destination);
        }
        catch (IOException) when (Directory.Exists(destination))
        {
            // Another aitune extracted the same package meanwhile; its tree is as good as ours.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AiTuneException($"cannot extract {package.Description} into {cacheRoot}: {e.Message}",
                "run as root, or give a cache directory you can write");
        }

        return destination;
    }

    /// <summary>Creates <paramref name="directory"/> and every missing parent 0700: the default cache lies in aitune's
    /// state directory (/var/lib/aitune), which is private; Directory.CreateDirectory gives the mode to the last
    /// level only, and the parents it makes would be 0755.</summary>
    private static void CreatePrivate(string directory)
    {
        var missing = new Stack<string>();
        for (var dir = Path.GetFullPath(directory); !Directory.Exists(dir); dir = Path.GetDirectoryName(dir)!)
        {
            missing.Push(dir);
        }

        while (missing.TryPop(out var next))
        {
            Directory.CreateDirectory(next, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public static string Sha256Of(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }
}
