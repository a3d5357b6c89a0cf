using AiTune.Serialization;
using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>The rule catalogue for people: one line per rule, id and severity, then its title.</summary>
public static class RulesTextRenderer
{
    public static void Render(RuleDocument document, IAnsiConsole console)
    {
        // The title wraps under itself: the id and severity column stays clear down the page.
        var lines = new FieldBlock(0, 16);
        foreach (var rule in document.Rules)
        {
            lines.Add(Markup.Escape($"{rule.Id}  {rule.Severity}"), Markup.Escape(rule.Title));
        }

        lines.Write(console);
    }
}
