using AiTune.Facts;
using AiTune.Files;
using AiTune.Hosting;

namespace AiTune.Profiles;

/// <summary>Where user profiles come from: the host's /etc/aitune/profiles.d (through the HostRoot, so a host tree or
/// snapshot brings its own) and local files named on the command line.</summary>
public static class UserProfileFiles
{
    public const string HostDirectory = "/etc/aitune/profiles.d";

    /// <summary>Far above any profile; a larger file is refused rather than read into memory.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>Every *.toml of the host's profiles.d, by name. A host without the directory (or a snapshot that did
    /// not capture it) has no user profiles; one whose directory or files cannot be read is an error, because
    /// silently leaving a profile out would make the audit judge against something else than the tuner applies.</summary>
    public static IReadOnlyList<(string FileName, string Text)> ReadHostDirectory(HostRoot root)
    {
        var listing = root.List(HostDirectory);
        if (!listing.TryGet(out var entries))
        {
            return listing.Reason!.Kind is UnknownKind.Absent or UnknownKind.NotCaptured
                ? []
                : throw new AiTuneException($"cannot read {HostDirectory} of {root.Description}: {listing.Reason.Detail}",
                    "user profiles live there: run as a user who may read it (usually root), or fix its permissions");
        }

        var files = new List<(string, string)>();
        foreach (var entry in entries.Where(e => e.Name.EndsWith(".toml", StringComparison.Ordinal)))
        {
            var path = $"{HostDirectory}/{entry.Name}";
            var text = root.ReadText(path, MaxBytes);
            if (!text.TryGet(out var content))
            {
                throw new AiTuneException($"cannot read user profile {path}: {text.Reason!.Detail}",
                    "make it a readable regular file of at most 1 MiB, or remove it");
            }

            files.Add((path, content));
        }

        return files;
    }

    /// <summary>A profile file named by --profile-file.</summary>
    public static (string FileName, string Text) ReadLocal(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new AiTuneException($"--profile-file {path}: the file does not exist", "give the path of a profile file (see docs/profiles.md)");
            }

            if (info.Length > MaxBytes)
            {
                throw new AiTuneException($"--profile-file {path}: larger than 1 MiB, not a profile", "give the path of a profile file (see docs/profiles.md)");
            }

            return (path, File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw FileErrors.Reading(path, e, "give the path of a profile file (see docs/profiles.md)", "the profile file");
        }
    }
}
