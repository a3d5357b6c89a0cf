using System.CommandLine;
using System.Text.Json;
using AiTune.Audit;
using AiTune.Cli.Rendering;
using AiTune.Profiles;
using AiTune.Serialization;
using AiTune.Services;
using AiTune.Services.Hosts;

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
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var request = new HostProfileRequest(parse.GetValue(options.Root), parse.GetValue(profileFiles) ?? [], parse.GetValue(profile)!,
                new ModelSpecification(parse.GetValue(model), parse.GetValue(modelSize)));
            var report = new HostAudit(AiTuneCli.Version).Run(request);

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
}
