using System.Text.Json;

namespace AiTune.Cli.Rendering;

/// <summary>Facts for people: the JSON document walked into an indented outline, so the text view can never
/// show a different set of facts than --json.</summary>
public static class FactsTextRenderer
{
    public static void Render(string json, TextWriter output)
    {
        using var document = JsonDocument.Parse(json);
        var facts = document.RootElement.GetProperty("facts");
        foreach (var section in facts.EnumerateObject())
        {
            output.WriteLine(section.Name);
            Write(section.Value, output, 1);
        }
    }

    private static void Write(JsonElement element, TextWriter output, int depth)
    {
        var indent = new string(' ', depth * 2);
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when IsUnknown(element):
                output.WriteLine($"{indent}{Scalar(element)}");
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (IsLeaf(property.Value))
                    {
                        output.WriteLine($"{indent}{property.Name}: {Scalar(property.Value)}");
                    }
                    else
                    {
                        output.WriteLine($"{indent}{property.Name}:");
                        Write(property.Value, output, depth + 1);
                    }
                }

                break;
            case JsonValueKind.Array:
                int index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (IsLeaf(item))
                    {
                        output.WriteLine($"{indent}- {Scalar(item)}");
                    }
                    else
                    {
                        output.WriteLine($"{indent}[{index}]");
                        Write(item, output, depth + 1);
                    }

                    index++;
                }

                break;
            default:
                output.WriteLine(indent + Scalar(element));
                break;
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
