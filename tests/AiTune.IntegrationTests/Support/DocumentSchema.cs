using System.Text.Json;
using System.Text.RegularExpressions;
using AiTune.Tests.Support;

namespace AiTune.IntegrationTests.Support;

/// <summary>One of the documented JSON schemas (docs/schemas) and a validator for the subset of JSON Schema
/// 2020-12 they use: $ref (within the file, or to a sibling file such as "apply.schema.json#/$defs/recovery"),
/// type, const, enum, required, properties, additionalProperties (false or a schema), items, minimum, maximum,
/// pattern, anyOf and oneOf. A keyword outside the subset is itself a problem, so a schema never says more than
/// the tests hold the output to.</summary>
public sealed class DocumentSchema
{
    /// <summary>Keywords that only document or organise (format is an annotation in 2020-12, not an assertion).</summary>
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "$defs", "title", "description", "format"];

    private static readonly HashSet<string> Checked =
        ["$ref", "type", "const", "enum", "required", "properties", "additionalProperties", "items", "minimum", "maximum", "pattern", "anyOf", "oneOf"];

    private static readonly string Directory = FixturePaths.Repository("docs/schemas");

    /// <summary>This schema and the sibling files its references reached, by file name.</summary>
    private readonly Dictionary<string, JsonElement> files = new(StringComparer.Ordinal);

    private DocumentSchema(string name)
    {
        Name = name;
        Root = Sibling(name);
    }

    public string Name { get; }

    public JsonElement Root { get; }

    /// <summary>docs/schemas/<paramref name="name"/>.</summary>
    public static DocumentSchema Load(string name) => new(name);

    /// <summary>Everything in <paramref name="json"/> the schema (or its definition <paramref name="definition"/>,
    /// "#/$defs/NAME") does not allow, one line per problem with its JSON path; empty when the document is valid.</summary>
    public IReadOnlyList<string> Problems(string json, string? definition = null)
    {
        var document = Parse(json);
        var problems = new List<string>();
        Validate(Name, definition is null ? Root : Resolve(Name, "#/$defs/" + definition).Schema, document, "$", problems);
        return problems;
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private void Validate(string file, JsonElement schema, JsonElement value, string path, List<string> problems)
    {
        foreach (var keyword in schema.EnumerateObject().Select(p => p.Name).Where(k => !Annotations.Contains(k) && !Checked.Contains(k)))
        {
            problems.Add($"{path}: the schema uses '{keyword}', which this validator does not check");
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            var (target, resolved) = Resolve(file, reference.GetString()!);
            Validate(target, resolved, value, path, problems);
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!allowed.Any(t => HasType(value, t)))
            {
                problems.Add($"{path}: {Describe(value)} is not of type {string.Join(" or ", allowed)}");
                return; // the other keywords would only repeat the mismatch
            }
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            problems.Add($"{path}: {Describe(value)} is not the constant {constant.GetRawText()}");
        }

        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => JsonElement.DeepEquals(o, value)))
        {
            problems.Add($"{path}: {Describe(value)} is not one of {options.GetRawText()}");
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            var number = value.GetDouble();
            if (schema.TryGetProperty("minimum", out var minimum) && number < minimum.GetDouble())
            {
                problems.Add($"{path}: {value.GetRawText()} is below the minimum {minimum.GetRawText()}");
            }

            if (schema.TryGetProperty("maximum", out var maximum) && number > maximum.GetDouble())
            {
                problems.Add($"{path}: {value.GetRawText()} is above the maximum {maximum.GetRawText()}");
            }
        }

        if (value.ValueKind == JsonValueKind.String && schema.TryGetProperty("pattern", out var pattern)
            && !Regex.IsMatch(value.GetString()!, pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            problems.Add($"{path}: {Describe(value)} does not match {pattern.GetString()}");
        }

        if (schema.TryGetProperty("anyOf", out var anyOf))
        {
            var branches = anyOf.EnumerateArray().Select(b => BranchProblems(file, b, value, path)).ToList();
            if (!branches.Any(b => b.Count == 0))
            {
                problems.Add($"{path}: matches none of anyOf ({string.Join(" | ", branches.Select(b => b[0]))})");
            }
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var branches = oneOf.EnumerateArray().Select(b => BranchProblems(file, b, value, path)).ToList();
            int matching = branches.Count(b => b.Count == 0);
            if (matching != 1)
            {
                problems.Add(matching == 0
                    ? $"{path}: matches none of oneOf ({string.Join(" | ", branches.Select(b => b[0]))})"
                    : $"{path}: matches {matching} branches of oneOf, not exactly one");
            }
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            ValidateObject(file, schema, value, path, problems);
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            int index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Validate(file, items, item, $"{path}[{index++}]", problems);
            }
        }
    }

    private void ValidateObject(string file, JsonElement schema, JsonElement value, string path, List<string> problems)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(name => !value.TryGetProperty(name, out _)))
            {
                problems.Add($"{path}: missing '{name}'");
            }
        }

        schema.TryGetProperty("properties", out var properties);
        schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var property in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Validate(file, propertySchema, property.Value, path + "." + property.Name, problems);
            }
            else if (additional.ValueKind == JsonValueKind.False)
            {
                problems.Add($"{path}: '{property.Name}' is not a documented property");
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Validate(file, additional, property.Value, path + "." + property.Name, problems);
            }
        }
    }

    private List<string> BranchProblems(string file, JsonElement branch, JsonElement value, string path)
    {
        var problems = new List<string>();
        Validate(file, branch, value, path, problems);
        return problems;
    }

    /// <summary>"#/$defs/x" in <paramref name="file"/>, or "other.schema.json#/$defs/x" beside it (the $id of
    /// every schema is https://aitune.dev/schemas/NAME, so a relative reference names a sibling file).</summary>
    private (string File, JsonElement Schema) Resolve(string file, string reference)
    {
        int hash = reference.IndexOf('#', StringComparison.Ordinal);
        var (target, pointer) = hash < 0 ? (reference, "") : (hash == 0 ? file : reference[..hash], reference[(hash + 1)..]);
        var schema = Sibling(target);
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            schema = schema.GetProperty(segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }

        return (target, schema);
    }

    private JsonElement Sibling(string file)
    {
        if (!files.TryGetValue(file, out var root))
        {
            root = Parse(File.ReadAllText(Path.Join(Directory, file)));
            files[file] = root;
        }

        return root;
    }

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && double.IsInteger(value.GetDouble()),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => throw new ArgumentException($"'{type}' is not a JSON Schema type", nameof(type)),
    };

    /// <summary>The value on one line, cut short: problems quote it.</summary>
    private static string Describe(JsonElement value)
    {
        var text = JsonSerializer.Serialize(value);
        return text.Length <= 60 ? text : text[..57] + "...";
    }
}
