using System.CommandLine;
using AiTune.Audit;
using AiTune.Cli.Rendering.Formats;
using AiTune.Profiles;
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
        var failOn = new Option<string?>("--fail-on") { Description = "Exit 1 when a finding fails at this severity or above: info, low, medium, high, critical" };
        failOn.AcceptOnlyFromAmong("info", "low", "medium", "high", "critical");

        // Text, json and md (--format md: a report to paste into a ticket or a wiki).
        var command = new Command("audit", "Audit a host for AI workloads: every finding with its reason and exact fix")
        {
            options.Root, profile, profileFiles, model, modelSize, failOn,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var printed = DocumentRenderers.Audit.For("audit", new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)), output);
            var request = new HostProfileRequest(parse.GetValue(options.Root), parse.GetValue(profileFiles) ?? [], parse.GetValue(profile)!,
                new ModelSpecification(parse.GetValue(model), parse.GetValue(modelSize)));
            var report = new HostAudit(AiTuneCli.Version).Run(request);
            printed.Render(report);

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
