using System.Text.RegularExpressions;

namespace AiTune.Tests.Architecture;

/// <summary>Reads C# sources as text (no compiler: the rule is about what a file names) and reports every
/// reference that runs against <see cref="LayerOrder"/>: using lines (plain, static, alias, global) and fully
/// qualified AiTune.X. names in code.</summary>
public static partial class LayerChecker
{
    public static IReadOnlyList<LayerViolation> Check(IEnumerable<(string Path, string Text)> files)
    {
        var violations = new List<LayerViolation>();
        foreach (var (path, text) in files)
        {
            string? layer = LayerOfFile(text);
            if (layer is null)
            {
                continue;
            }

            foreach (var (used, reference) in References(text))
            {
                if (!Allowed(layer, used))
                {
                    violations.Add(new LayerViolation(path, layer, used, reference));
                }
            }
        }

        return violations.Distinct().ToList();
    }

    /// <summary>The first segment after "AiTune." of the file's namespace; "" for the root namespace, null for a
    /// file outside AiTune (generated or foreign code is not ours to order).</summary>
    public static string? LayerOfFile(string text)
    {
        var match = NamespaceLine().Match(text);
        return match.Success ? LayerOf(match.Groups[1].Value) : null;
    }

    private static string? LayerOf(string name)
    {
        if (name == "AiTune")
        {
            return "";
        }

        return name.StartsWith("AiTune.", StringComparison.Ordinal) ? name["AiTune.".Length..].Split('.')[0] : null;
    }

    private static IEnumerable<(string Layer, string Reference)> References(string text)
    {
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            var comment = line.IndexOf("//", StringComparison.Ordinal);
            var code = comment >= 0 ? line[..comment] : line;
            if (code.StartsWith("namespace ", StringComparison.Ordinal))
            {
                continue;
            }

            bool isUsing = code.StartsWith("using ", StringComparison.Ordinal) || code.StartsWith("global using ", StringComparison.Ordinal);
            var matches = isUsing ? UsingTarget().Matches(code) : QualifiedName().Matches(code);
            foreach (Match match in matches)
            {
                if (LayerOf(match.Groups[1].Value) is { } used)
                {
                    yield return (used, line);
                }
            }

            if (isUsing)
            {
                continue;
            }

            // Inside namespace AiTune.X, "Audit.AuditEngine" names AiTune.Audit.AuditEngine without the prefix: C#
            // looks the first segment up in every enclosing namespace.
            foreach (Match match in PartlyQualifiedName().Matches(StringLiteral().Replace(code, "\"\"")))
            {
                var segment = match.Groups[1].Value;
                if (segment.Length > 0 && LayerOrder.TierOf(segment) is not null)
                {
                    yield return (segment, line);
                }
            }
        }
    }

    private static bool Allowed(string from, string to)
    {
        if (from == to)
        {
            return true;
        }

        int? fromTier = LayerOrder.TierOf(from);
        int? toTier = LayerOrder.TierOf(to);
        if (fromTier is null || toTier is null)
        {
            // A layer missing from the order is a violation until someone places it deliberately.
            return false;
        }

        return toTier < fromTier || LayerOrder.AllowedEdges.Any(e => e.From == from && e.To == to);
    }

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    /// <summary>"using AiTune.X;", "using static AiTune.X.Y;", "using Alias = AiTune.X.Y;".</summary>
    [GeneratedRegex(@"\b(AiTune(?:\.\w+)*)\s*;")]
    private static partial Regex UsingTarget();

    [GeneratedRegex(@"(?<![\w.])(AiTune\.\w+)\.")]
    private static partial Regex QualifiedName();

    /// <summary>A layer's name at the start of a dotted name followed by a type ("Audit.AuditEngine"): not after a
    /// dot or an identifier character, so "facts.Memory.Thp" is a member access, not the Memory layer.</summary>
    [GeneratedRegex(@"(?<![\w.@])([A-Z]\w*)\.[A-Z]\w*")]
    private static partial Regex PartlyQualifiedName();

    /// <summary>A string literal, so that words inside one are not read as names.</summary>
    [GeneratedRegex(@"\$?@?""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();
}
