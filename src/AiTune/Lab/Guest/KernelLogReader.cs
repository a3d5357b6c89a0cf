using System.Globalization;
using System.Text;
using AiTune.Interop;

namespace AiTune.Lab.Guest;

/// <summary>The guest's kernel log from /dev/kmsg, where every record carries its level ("prio,seq,usec,flags;text"),
/// so the guest can count crit, alert and emerg messages exactly as KernelCI's dmesg --level check does.</summary>
public static unsafe class KernelLogReader
{
    public const int MaxRecords = 100;

    /// <summary>The text of records at level ≤ 2 (crit and worse) from <paramref name="records"/>, bounded.</summary>
    public static IReadOnlyList<string> Critical(IEnumerable<string> records)
    {
        var critical = new List<string>();
        foreach (string record in records)
        {
            int semicolon = record.IndexOf(';', StringComparison.Ordinal);
            int comma = record.IndexOf(',', StringComparison.Ordinal);
            if (semicolon < 0 || comma < 0 || comma > semicolon
                || !int.TryParse(record.AsSpan(0, comma), NumberStyles.None, CultureInfo.InvariantCulture, out int priority))
            {
                continue;
            }

            // The priority is facility * 8 + level.
            if ((priority & 7) <= 2 && critical.Count < MaxRecords)
            {
                critical.Add(record[(semicolon + 1)..].TrimEnd('\n'));
            }
        }

        return critical;
    }

    /// <summary>Every record now in the kernel's buffer (a non-blocking read returns one record per call, EAGAIN at
    /// the end); empty when /dev/kmsg cannot be read.</summary>
    public static IReadOnlyList<string> ReadRecords(string path = "/dev/kmsg")
    {
        var records = new List<string>();
        int fd = Posix.Open(path, Posix.ORdOnly | Posix.ONonBlock | Posix.OCloExec);
        if (fd < 0)
        {
            return records;
        }

        try
        {
            byte* buffer = stackalloc byte[8192];
            for (int i = 0; i < 100_000; i++)
            {
                nint count = Posix.Read(fd, buffer, 8192);
                if (count < 0)
                {
                    // EPIPE: records were overwritten before we read them; the next read goes on from the oldest left.
                    if (Posix.LastError == 32)
                    {
                        continue;
                    }

                    break;
                }

                if (count == 0)
                {
                    break;
                }

                records.Add(Encoding.UTF8.GetString(buffer, (int)count));
            }
        }
        finally
        {
            Posix.Close(fd);
        }

        return records;
    }
}
