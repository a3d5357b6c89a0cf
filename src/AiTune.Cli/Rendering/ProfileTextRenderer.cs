using AiTune.Profiles;
using AiTune.Serialization;
using AiTune.Units;
using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>`aitune profile list` and `aitune profile show` for people.</summary>
public static class ProfileTextRenderer
{
    public static void RenderList(ProfileListDocument document, IAnsiConsole console)
    {
        var table = new ValueTable()
            .Column("profile", ValueColumnRole.Heading)
            .Column("selectable", ValueColumnRole.Detail)
            .Column("source", ValueColumnRole.Detail)
            .Column("description", ValueColumnRole.Prose);
        foreach (var profile in document.Profiles)
        {
            var source = profile.ReplacesBuiltIn ? $"{profile.Source} (replaces the built-in profile)" : profile.Source;
            table.Row(Markup.Escape(profile.Name), profile.Selectable ? "yes" : "no (include it)", Markup.Escape(source), Markup.Escape(profile.Description));
        }

        table.Write(console);
    }

    public static void RenderShow(ResolvedProfileDocument document, IAnsiConsole console)
    {
        PlainLine.Write(console, $"[bold]aitune profile[/] [bold]{Markup.Escape(document.Profile)}[/] resolved for {Markup.Escape(document.Host.Source)}");
        PlainLine.Write(console, Markup.Escape(AuditTextRenderer.HostLine(document.Host)));
        PlainLine.Write(console, Markup.Escape(document.Model is { } model
            ? $"model {model.Source}: {ByteSize.Format(model.TensorBytes)} of tensors"
            : "no model given: settings computed from the model are skipped"));
        console.WriteLine();
        foreach (var setting in document.Settings)
        {
            var traits = Markup.Escape($"({setting.Severity ?? "no rule"}, from {setting.Profile})");
            var knob = Markup.Escape(setting.Knob + (setting.Node is { } node ? $" on node {node}" : ""));
            var fields = new FieldBlock(7, 8);
            if (setting.SkipReason is { } reason)
            {
                new FieldBlock(2, 4).Add("[grey]skip[/]", $"{knob} [grey]{traits}[/]").Write(console);
                fields.Add("skipped:", Markup.Escape(reason));
            }
            else
            {
                new FieldBlock(2, 4).Add("[green]set[/]", $"{knob} = [bold]{Markup.Escape(setting.Expected!)}[/] [grey]{traits}[/]").Write(console);
            }

            fields.Add("why:", $"[grey]{Markup.Escape(setting.Rationale)}[/]")
                .Add("source:", $"[grey]{Markup.Escape(setting.Source)}[/]")
                .Write(console);
        }

        console.WriteLine();
        foreach (var conflict in document.Conflicts)
        {
            PlainLine.Write(console, $"[yellow]conflict:[/] {Markup.Escape(conflict)}");
        }

        int skipped = document.Settings.Count(s => s.SkipReason is not null);
        PlainLine.Write(console, Markup.Escape($"{document.Settings.Count - skipped} settings apply, {skipped} skipped, {document.Conflicts.Count} conflicts"));
    }
}
