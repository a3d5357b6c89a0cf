using AiTune.Interop;

namespace AiTune.Lab.Guest;

/// <summary>PID 1's lines on the guest console (the kernel gives init /dev/console as its standard streams). They carry
/// no printk timestamp, so the host's boot-health gate tells them from kernel messages.</summary>
internal static class GuestConsole
{
    public const string Prefix = "aitune-lab: ";

    public static void WriteLine(string text) => Posix.WriteText(2, Prefix + text.Replace("\n", "\n" + Prefix, StringComparison.Ordinal) + "\n");
}
