using AiTune.Cli;

return AiTuneCli.Run(args, Console.Out, Console.Error);
