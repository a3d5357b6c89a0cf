using AiTune.Cli;
using AiTune.Cli.Rendering;
using AiTune.Lab.Guest;
using AiTune.Services.Lab;

LabGuest.TakeOverIfLabGuest((settings, boot) => LabGuestPayloads.Run(settings, boot, AiTuneCli.Version));

// Console.Out goes through a 256-character buffer and flushes it on every write: a 40 KB audit left as 150 system
// calls. The same console stream and encoding behind a 64 KiB buffer still flush at the end of every write (progress
// and the monitor stay live), but a document leaves in one.
// stderr gets the same encoding without the console's own lookup of it (which Console.Error would make on first use).
var encoding = ConsoleEncoding.ForOutput();
Console.SetOut(new StreamWriter(Console.OpenStandardOutput(), encoding, 64 * 1024) { AutoFlush = true });
Console.SetError(new StreamWriter(Console.OpenStandardError(), encoding) { AutoFlush = true });
return AiTuneCli.Run(args, Console.Out, Console.Error);
