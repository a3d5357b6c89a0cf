using System.CommandLine;
using System.Text.Json;
using AiTune.Audit;
using AiTune.Cli.Rendering;
using AiTune.Models;
using AiTune.Profiles;
using AiTune.Serialization;
using AiTune.Units;

namespace AiTune.Cli.Commands;

public static class AuditCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var profile = new Option<string>("--profile", "-p")
        {
            Description = "Profile(s) to audit against: balanced, inference-latency, inference-throughput, training-throughput, hardened, a user profile, or a combination with '+' (aitune profile list)",
            DefaultValueFactory = _ => "inference-throughput",
        };
        var profileFiles = ProfileCommand.ProfileFileOption();
        var model = new Option<string?>("--model") { Description = "A safetensors or GGUF file: memory and huge page rules judge against its tensor bytes" };
        var modelSize = new Option<string?>("--model-size") { Description = "The model's size instead of a file (bytes, or 70GiB, 8G …)" };
        var format = new Option<string>("--format") { Description = "Output format: text, json or md", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "md");
        var failOn = new Option<string?>("--fail-on") { Description = "Exit 1 when a finding fails at this severity or above: info, low, medium, high, critical" };
        failOn.AcceptOnlyFromAmong("info", "low", "medium", "high", "critical");

        var command = new Command("audit", "Audit a host for AI workloads: every finding with its reason and exact fix")
        {
            options.Root, profile, profileFiles, model, modelSize, options.Json, format, failOn,
        };
        command.SetAction(parse => CommandRunner.Run(parse, options, error, () =>
        {
            var requirement = ModelRequirementFrom(parse.GetValue(model), parse.GetValue(modelSize));
            var (facts, catalog) = HostLoader.LoadWithProfiles(parse.GetValue(options.Root), parse.GetValue(profileFiles) ?? []);
            var selection = catalog.Select(parse.GetValue(profile)!);
            var report = AuditEngine.Run(facts, selection, requirement, catalog, AiTuneCli.Version);

            var chosen = parse.GetValue(options.Json) ? "json" : parse.GetValue(format)!;
            switch (chosen)
            {
                case "json":
                    output.WriteLine(JsonSerializer.Serialize(report, AiTuneJsonContext.Readable.AuditReport));
                    break;
                case "md":
                    AuditMarkdownRenderer.Render(report, output);
                    break;
                default:
                    AuditTextRenderer.Render(report, ConsoleFactory.Create(output, parse.GetValue(options.NoColor)));
                    break;
            }

            if (parse.GetValue(failOn) is { } threshold)
            {
                var severity = Enum.Parse<Severity>(threshold, ignoreCase: true);
                if (report.Findings.Any(f => f.Status == FindingStatus.Fail && f.Severity >= severity))
                {
                    return ExitCodes.Findings;
                }
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>--model FILE or --model-size SIZE (alternatives), for every command that sizes against a model.</summary>
    public static ModelRequirement? ModelRequirementFrom(string? modelPath, string? modelSize)
    {
        if (modelPath is not null && modelSize is not null)
        {
            throw new AiTuneException("--model and --model-size are alternatives", "give the model file, or its size, not both");
        }

        if (modelPath is not null)
        {
            var file = ModelFileReader.Read(modelPath);
            return new ModelRequirement(modelPath, file.TotalTensorBytes);
        }

        if (modelSize is not null)
        {
            if (!ByteSize.TryParse(modelSize, out var bytes) || bytes <= 0)
            {
                throw new AiTuneException($"--model-size '{modelSize}' is not a size", "give bytes (70000000000) or a size with a unit: 70GiB, 8G, 512MiB");
            }

            return new ModelRequirement("--model-size " + modelSize, bytes);
        }

        return null;
    }
}
