using AiTune.Cli;
using AiTune.Lab.Guest;

LabGuest.TakeOverIfLabGuest(BuiltInLabPayloads.Run);
return AiTuneCli.Run(args, Console.Out, Console.Error);
