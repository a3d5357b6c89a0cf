namespace AiTune.Cli;

/// <summary>Who runs aitune, for the journal: "alice via sudo" when sudo says so, else the account name.</summary>
public static class CallingUser
{
    public static int Uid => (int)Tuning.Writing.DurableFiles.EffectiveUserId;

    public static string Describe()
    {
        var sudoUser = Printable(Environment.GetEnvironmentVariable("SUDO_USER"));
        var name = Printable(Environment.UserName);
        return string.IsNullOrEmpty(sudoUser) || sudoUser == name ? name : $"{sudoUser} via sudo";
    }

    /// <summary>Environment text reaches the journal and the terminal: no control characters, bounded.</summary>
    private static string Printable(string? text) =>
        new string((text ?? "").Where(c => !char.IsControl(c)).Take(64).ToArray());
}
