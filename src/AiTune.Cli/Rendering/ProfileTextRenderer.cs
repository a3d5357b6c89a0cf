using AiTune.Profiles;
using AiTune.Units;
using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>`aitune profile list` and `aitune profile show` for people.</summary>
public static class ProfileTextRenderer
{
    public static void RenderList(ProfileListDocument document, IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns("profile", "selectable", "source", "description");
        foreach (var profile in document.Profiles)
        {
            var source = profile.ReplacesBuiltIn ? $"{profile.Source} (replaces the built-in profile)" : profile.Source;
            table.AddRow(Markup.Escape(profile.Name), profile.Selectable ? "yes" : "no (include it)", Markup.Escape(source), Markup.Escape(profile.Description));
        }

        console.Write(table);
    }

    public static void RenderShow(ResolvedProfileDocument document, IAnsiConsole console)
    {
        console.MarkupLine($"[bold]aitune profile[/] [bold]{Markup.Escape(document.Profile)}[/] resolved for {Markup.Escape(document.Host.Source)}");
        console.MarkupLine(Markup.Escape(AuditTextRenderer.HostLine(document.Host)));
        console.MarkupLine(Markup.Escape(document.Model is { } model
            ? $"model {model.Source}: {ByteSize.Format(model.TensorBytes)} of tensors"
            : "no model given: settings computed from the model are skipped"));
        console.WriteLine();
        foreach (var setting in document.Settings)
        {
            var traits = Markup.Escape($"({setting.Severity ?? "no rule"}, from {setting.Profile})");
            var knob = Markup.Escape(setting.Knob + (setting.Node is { } node ? $" on node {node}" : ""));
            if (setting.SkipReason is { } reason)
            {
                console.MarkupLine($"  [grey]skip[/] {knob} [grey]{traits}[/]");
                console.MarkupLine($"       skipped: {Markup.Escape(reason)}");
            }
            else
            {
                console.MarkupLine($"  [green]set[/]  {knob} = [bold]{Markup.Escape(setting.Expected!)}[/] [grey]{traits}[/]");
            }

            console.MarkupLine($"       why:     [grey]{Markup.Escape(setting.Rationale)}[/]");
            console.MarkupLine($"       source:  [grey]{Markup.Escape(setting.Source)}[/]");
        }

        console.WriteLine();
        foreach (var conflict in document.Conflicts)
        {
            console.MarkupLine($"[yellow]conflict:[/] {Markup.Escape(conflict)}");
        }

        int skipped = document.Settings.Count(s => s.SkipReason is not null);
        console.MarkupLine(Markup.Escape($"{document.Settings.Count - skipped} settings apply, {skipped} skipped, {document.Conflicts.Count} conflicts"));
    }
}
