using System.Globalization;
using AiTune.Profiles;
using AiTune.Text;

namespace AiTune.Tuning.Persistence;

/// <summary>The checks every persisted file shares. Each renderer writes into a language of its own (sysctl.d,
/// udev rules, tmpfiles.d, POSIX shell); whatever it lets through ends up in a file that root's boot reads, so
/// values are allow-listed per language, and nothing that is refused is ever partly rendered.</summary>
internal static class PersistenceInput
{
    /// <summary>Longer than any sysfs or sysctl value aitune sets (the kernel's own pages are 4096 bytes).</summary>
    public const int MaxValueLength = 4096;

    private const int MaxUserLength = 256;

    public static string Header(string profile) =>
        $"# Written by aitune: profile {Profile(profile)}. Remove with `aitune rollback`; do not edit.\n";

    public static string Header(string profile, DateTimeOffset appliedAt, string user) =>
        $"# Written by aitune: profile {Profile(profile)}, applied {appliedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} "
        + $"by {User(user)}. Remove with `aitune rollback`; do not edit.\n";

    /// <summary>Refuses <paramref name="value"/> unless it is 1 to <see cref="MaxValueLength"/> characters, each
    /// of them allowed.</summary>
    /// <param name="what">What the value is, for the message ("udev value of block.nvme:scheduler").</param>
    /// <param name="allowed">The allowed characters in words, for the hint.</param>
    public static void RequireCharacters(string value, string what, Func<char, bool> isAllowed, string allowed)
    {
        if (value.Length is 0 or > MaxValueLength)
        {
            throw Refused(what, value, $"must be 1 to {MaxValueLength} characters", allowed);
        }

        foreach (char c in value)
        {
            if (!isAllowed(c))
            {
                throw Refused(what, value, $"character {Describe(c)} is not allowed", allowed);
            }
        }
    }

    public static AiTuneException Refused(string what, string value, string reason, string allowed) =>
        new($"cannot persist {what} '{DisplayText.Shorten(value)}': {reason}",
            $"a persisted file is read as root at every boot, so it takes only {allowed}; apply this setting without --persist");

    public static string Describe(char c) =>
        c is >= ' ' and <= '~' ? $"'{c}'" : $"U+{(int)c:X4}";

    private static string Profile(string profile) =>
        ProfileParser.IsValidName(profile)
            ? profile
            : throw new AiTuneException($"cannot persist for profile '{DisplayText.Shorten(profile)}': not a profile name",
                "profile names are lower-case letters, digits and '-'");

    /// <summary>The name goes into a comment line: anything printable but whitespace keeps it one line.</summary>
    private static string User(string user)
    {
        RequireCharacters(user, "the user name", c => c is > ' ' and <= '~', "printable ASCII without spaces");
        return user.Length <= MaxUserLength
            ? user
            : throw Refused("the user name", user, $"longer than {MaxUserLength} characters", "printable ASCII without spaces");
    }
}
