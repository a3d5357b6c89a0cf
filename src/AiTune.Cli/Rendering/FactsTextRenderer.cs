using System.Text.Json;
using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>Facts for people: the JSON document walked into an indented outline, so the text view can never
/// show a different set of facts than --json. A long value (a kernel command line, a CPU list) wraps under
/// itself; through the console, a control character a host file holds is shown escaped.</summary>
public static class FactsTextRenderer
{
    public static void Render(string json, IAnsiConsole console)
    {
        using var document = JsonDocument.Parse(json);
        var facts = document.RootElement.GetProperty("facts");
        foreach (var section in facts.EnumerateObject())
        {
            Line(console, 0, section.Name);
            Write(section.Value, console, 1);
        }
    }

    private static void Write(JsonElement element, IAnsiConsole console, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when IsUnknown(element):
                Line(console, depth, Scalar(element));
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (IsLeaf(property.Value))
                    {
                        Field(console, depth, property.Name + ":", Scalar(property.Value));
                    }
                    else
                    {
                        Line(console, depth, property.Name + ":");
                        Write(property.Value, console, depth + 1);
                    }
                }

                break;
            case JsonValueKind.Array:
                int index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (IsLeaf(item))
                    {
                        Field(console, depth, "-", Scalar(item));
                    }
                    else
                    {
                        Line(console, depth, $"[{index}]");
                        Write(item, console, depth + 1);
                    }

                    index++;
                }

                break;
            default:
                Line(console, depth, Scalar(element));
                break;
        }
    }

    private static void Line(IAnsiConsole console, int depth, string text) => Indented.Write(console, depth * 2, Markup.Escape(text));

    /// <summary>"name: value", the value wrapped under itself when the line is too long for the console.</summary>
    private static void Field(IAnsiConsole console, int depth, string label, string value)
    {
        if (depth * 2 + label.Length + 1 + value.Length <= console.Profile.Width)
        {
            Line(console, depth, label + " " + value);
        }
        else
        {
            new FieldBlock(depth * 2).Add(Markup.Escape(label), Markup.Escape(value)).Write(console);
        }
    }

    private static bool IsUnknown(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("unknown", out _) && element.TryGetProperty("reason", out _);

    private static bool IsLeaf(JsonElement element) =>
        element.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)
        || IsUnknown(element)
        || (element.ValueKind == JsonValueKind.Array && element.GetArrayLength() <= 16 && element.EnumerateArray().All(e => e.ValueKind is JsonValueKind.String or JsonValueKind.Number));

    private static string Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object when IsUnknown(element) => $"unknown ({element.GetProperty("reason").GetString()})",
        JsonValueKind.Array => "[" + string.Join(", ", element.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())) + "]",
        JsonValueKind.String => element.GetString() ?? "",
        JsonValueKind.Null => "—",
        _ => element.GetRawText(),
    };
}
