using System.CommandLine;
using System.Text.Json;
using AiTune.Audit;
using AiTune.Cli.Rendering;
using AiTune.Profiles;
using AiTune.Serialization;
using Spectre.Console;

namespace AiTune.Cli.Commands;

public static class RulesCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var format = new Option<string>("--format") { Description = "text, json or md (docs/rules.md is this output)", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "md");
        var command = new Command("rules", "List the rule catalogue: id, what it checks, why, and what each profile expects")
        {
            options.Json, format,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var document = Document(ProfileCatalog.BuiltIn);
            var chosen = parse.GetValue(options.Json) ? "json" : parse.GetValue(format)!;
            switch (chosen)
            {
                case "json":
                    output.WriteLine(JsonSerializer.Serialize(document, AiTuneJsonContext.Readable.RuleDocument));
                    break;
                case "md":
                    RulesMarkdownRenderer.Render(document, output);
                    break;
                default:
                    // The title wraps under itself: the id and severity column stays clear down the page.
                    var lines = new FieldBlock(0, 16);
                    foreach (var rule in document.Rules)
                    {
                        lines.Add(Markup.Escape($"{rule.Id}  {rule.Severity}"), Markup.Escape(rule.Title));
                    }

                    lines.Write(ConsoleFactory.Create(output, parse.GetValue(options.NoColor)));
                    break;
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    public static RuleDocument Document(ProfileCatalog catalog)
    {
        var profiles = catalog.Selectable;
        return new RuleDocument(1, RuleCatalogue.All.Select(rule => new RuleEntry(
            rule.Id,
            AuditTextRenderer.CategoryName(rule.Category),
            rule.Title,
            rule.Severity.ToString().ToLowerInvariant(),
            rule.Why,
            rule.Source,
            rule.AppliesTo,
            rule.Knob?.Id,
            rule.Knob is null
                ? new Dictionary<string, string>()
                : profiles.SelectMany(p => p.Settings.Where(s => s.Knob.Id == rule.Knob.Id).Select(s => (p.Name, Text: s.Describe())))
                    .ToDictionary(x => x.Name, x => x.Text))).ToList());
    }
}
