using System.CommandLine;
using AiTune.Cli.Rendering;
using AiTune.Cli.Rendering.Formats;
using AiTune.Models;
using AiTune.Text;

namespace AiTune.Cli.Commands;

/// <summary>`aitune model info FILE`: what a safetensors or GGUF header says, checked against the file.</summary>
public static class ModelCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("FILE") { Description = "A .safetensors or .gguf file" };
        var all = new Option<bool>("--all") { Description = "List every tensor (text output shows the first 25 by default)" };
        var info = new Command("info", "Format, tensors, dtypes and sizes of a model file; validates the header strictly")
        {
            file, all,
        };
        info.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var printed = DocumentRenderers.ModelInfo.For("model info", new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)), output);
            var model = ModelFileReader.Read(parse.GetValue(file)!);
            printed.Render(new ModelListing(model, parse.GetValue(all) ? int.MaxValue : 25));

            return ExitCodes.Ok;
        }));
        return new Command("model", "Model weight files (safetensors, GGUF)") { info, Synthetic(options, output, error) };
    }

    /// <summary>`aitune model synthetic --size 4GiB -o FILE`: a valid model file for load benchmarks without weights.</summary>
    private static Command Synthetic(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var size = new Option<string>("--size") { Description = "The file's size (512MiB, 4GiB …)", Required = true };
        // Not --format: that is the output format every command shares.
        var format = new Option<string>("--file-format") { Description = "The model file's format: safetensors or gguf", DefaultValueFactory = _ => "safetensors" };
        var file = new Option<string>("--output", "-o") { Description = "The file to write (refused if it exists, unless --force)", Required = true };
        var force = ForceOption.Create();
        var command = new Command("synthetic", "Write a valid safetensors or GGUF file of a given size (synthetic weights) for load benchmarks")
        {
            size, format, file, force,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)).RequireText("model synthetic");
            string sizeText = parse.GetValue(size)!;
            if (!Units.ByteSize.TryParse(sizeText, out long bytes) || bytes < 1L << 20)
            {
                throw new AiTuneException($"--size {DisplayText.Excerpt(sizeText)}: give a size of at least 1 MiB", "write sizes like 512MiB or 4GiB");
            }

            var modelFormat = parse.GetValue(format) switch
            {
                "safetensors" => ModelFormat.Safetensors,
                "gguf" => ModelFormat.Gguf,
                var other => throw new AiTuneException($"--file-format {DisplayText.Excerpt(other ?? "")}: unknown format", "safetensors or gguf"),
            };
            string path = parse.GetValue(file)!;
            using var interrupt = new InterruptSignal(error, "stopping; the partial file is removed");
            try
            {
                var tensors = SyntheticModelWriter.Write(path, modelFormat, bytes, parse.GetValue(force), interrupt.Token);
                output.WriteLine($"wrote {DisplayText.FilePath(path)}: {modelFormat.ToString().ToLowerInvariant()}, {Units.ByteSize.Format(new FileInfo(path).Length)}, {tensors.Count} tensors");
            }
            catch (OperationCanceledException) when (interrupt.Raised)
            {
                error.WriteLine($"interrupted: {DisplayText.FilePath(path)} was not written");
                return ExitCodes.Interrupted;
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
