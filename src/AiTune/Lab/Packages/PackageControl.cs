namespace AiTune.Lab.Packages;

/// <summary>What a Debian package's control file says about it (deb-control(5)).</summary>
/// <param name="Name">The Package field ("linux-image-6.1.0-57-amd64-unsigned").</param>
/// <param name="Version">The Version field ("6.1.192-3").</param>
/// <param name="Architecture">The Architecture field ("amd64").</param>
public sealed record PackageControl(string Name, string Version, string Architecture)
{
    /// <summary>Reads the fields aitune names a package by from the control file's text; a missing field or one with
    /// characters outside printable ASCII is an <see cref="InvalidDataException"/>.</summary>
    public static PackageControl Parse(string text, string what)
    {
        string? name = null;
        string? version = null;
        string? architecture = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] is ' ' or '\t' or '#')
            {
                continue; // continuation lines belong to Description and the like
            }

            int colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var value = line[(colon + 1)..].Trim();
            switch (line[..colon])
            {
                case "Package": name = value; break;
                case "Version": version = value; break;
                case "Architecture": architecture = value; break;
            }
        }

        return new PackageControl(Field(name, "Package"), Field(version, "Version"), Field(architecture, "Architecture"));

        string Field(string? value, string field) =>
            value is { Length: > 0 and <= 256 } && value.All(c => c > ' ' && c <= '~')
                ? value
                : throw new InvalidDataException($"the control file of {what} has no valid {field} field");
    }
}
