using System.Text.RegularExpressions;

namespace AiTune.Lab.Guest;

/// <summary>Finds the virtio-serial port the host named aitune.results: each port is a directory
/// /sys/class/virtio-ports/vportNpM whose "name" file holds the name given with virtserialport,name=…, and its device
/// node is /dev/vportNpM (created by devtmpfs).</summary>
public static partial class ResultsPortLocator
{
    public const string PortName = "aitune.results";

    /// <summary>The /dev path of the port named <see cref="PortName"/>, or null when there is none (yet: the host
    /// announces ports over the control queue after the driver is up, so the caller polls).</summary>
    public static string? Find(string virtioPortsDirectory = "/sys/class/virtio-ports", string devDirectory = "/dev")
    {
        if (!Directory.Exists(virtioPortsDirectory))
        {
            return null;
        }

        foreach (string entry in Directory.EnumerateFileSystemEntries(virtioPortsDirectory).Order(StringComparer.Ordinal))
        {
            string port = Path.GetFileName(entry);
            if (!PortDirectoryName().IsMatch(port))
            {
                continue;
            }

            string nameFile = Path.Combine(entry, "name");
            string name;
            try
            {
                using var reader = new StreamReader(nameFile);
                var buffer = new char[256];
                name = new string(buffer, 0, reader.ReadBlock(buffer)).TrimEnd('\n');
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            if (name == PortName)
            {
                return Path.Combine(devDirectory, port);
            }
        }

        return null;
    }

    [GeneratedRegex(@"^vport\d+p\d+$")]
    private static partial Regex PortDirectoryName();
}
