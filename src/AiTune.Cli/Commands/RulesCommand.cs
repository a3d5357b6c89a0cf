using System.CommandLine;
using AiTune.Audit;
using AiTune.Cli.Rendering;
using AiTune.Cli.Rendering.Formats;
using AiTune.Profiles;
using AiTune.Serialization;

namespace AiTune.Cli.Commands;

public static class RulesCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        // docs/rules.md is `aitune rules --format md`.
        var command = new Command("rules", "List the rule catalogue: id, what it checks, why, and what each profile expects");
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var printed = DocumentRenderers.Rules.For("rules", new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)), output);
            printed.Render(Document(ProfileCatalog.BuiltIn));
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
