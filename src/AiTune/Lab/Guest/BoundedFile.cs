namespace AiTune.Lab.Guest;

/// <summary>Reads a small file whole, refusing more than a bound; procfs and sysfs files report no size, so the bound
/// is enforced on what is read, not on the length.</summary>
internal static class BoundedFile
{
    /// <summary>The bytes, null when the file does not exist or cannot be read; an exception when larger than
    /// <paramref name="maxBytes"/>.</summary>
    public static byte[]? ReadBytes(string path, int maxBytes)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            var buffer = new byte[maxBytes + 1];
            int total = 0;
            int count;
            while (total < buffer.Length && (count = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += count;
            }

            return total > maxBytes
                ? throw new AiTuneException($"{path} is larger than {maxBytes} bytes", "the lab guest's image is not what aitune wrote")
                : buffer[..total];
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static string? ReadText(string path, int maxBytes) =>
        ReadBytes(path, maxBytes) is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : null;
}
