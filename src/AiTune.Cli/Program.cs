using AiTune.Cli;
using AiTune.Cli.Rendering;
using AiTune.Lab.Guest;
using AiTune.Services.Lab;

LabGuest.TakeOverIfLabGuest((settings, boot) => LabGuestPayloads.Run(settings, boot, AiTuneCli.Version));

// Console.Out goes through a 256-character buffer and flushes it on every write: a 40 KB audit left as 150 system
// calls. The same console stream and encoding behind a 64 KiB buffer still flush at the end of every write (progress
// and the monitor stay live), but a document leaves in one.
Console.SetOut(new StreamWriter(Console.OpenStandardOutput(), ConsoleEncoding.ForOutput(), 64 * 1024) { AutoFlush = true });
return AiTuneCli.Run(args, Console.Out, Console.Error);
