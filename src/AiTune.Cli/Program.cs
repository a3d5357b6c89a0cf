using AiTune.Cli;
using AiTune.Lab.Guest;
using AiTune.Services.Lab;

LabGuest.TakeOverIfLabGuest((settings, boot) => LabGuestPayloads.Run(settings, boot, AiTuneCli.Version));
return AiTuneCli.Run(args, Console.Out, Console.Error);
