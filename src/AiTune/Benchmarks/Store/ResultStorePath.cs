using AiTune.Files;
using AiTune.Interop;

namespace AiTune.Benchmarks.Store;

/// <summary>Where the results database lives when --db is not given: root's runs beside aitune's journal in the
/// state directory, a user's under the XDG data directory (the base directory specification: $XDG_DATA_HOME when
/// it is an absolute path, else ~/.local/share).</summary>
public static class ResultStorePath
{
    public const string FileName = "results.db";

    /// <summary>The default for this process: its effective uid, $XDG_DATA_HOME and $HOME.</summary>
    public static string Default() => Default(Posix.GetEuid(),
        Environment.GetEnvironmentVariable("XDG_DATA_HOME"), Environment.GetEnvironmentVariable("HOME"));

    public static string Default(uint effectiveUserId, string? xdgDataHome, string? home)
    {
        if (effectiveUserId == 0)
        {
            return Path.Join(StateLocation.DefaultHostPath, FileName);
        }

        // The specification says a relative $XDG_DATA_HOME is invalid and must be ignored.
        if (!string.IsNullOrEmpty(xdgDataHome) && Path.IsPathRooted(xdgDataHome))
        {
            return Path.Join(xdgDataHome, "aitune", FileName);
        }

        if (string.IsNullOrEmpty(home) || !Path.IsPathRooted(home))
        {
            throw new AiTuneException("no place for the results database: neither $XDG_DATA_HOME nor $HOME is an absolute path",
                "pass --db PATH, or set HOME");
        }

        return Path.Join(home, ".local", "share", "aitune", FileName);
    }
}
