using System.Globalization;

namespace AiTune.Metrics.Http;

/// <summary>Chooses the exposition format from a request's Accept header (RFC 9110 §12.5.1); its Content-Type is
/// <see cref="ExpositionWriter.ContentType"/>.</summary>
public static class ScrapeNegotiation
{
    /// <summary>The format with the higher quality value; the Prometheus text format on a tie, when the header is
    /// absent or malformed, or when the client accepts neither (as Prometheus' own client libraries do: a scraper
    /// that sent an odd Accept header still gets metrics it most likely reads).</summary>
    public static ExpositionFormat Choose(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return ExpositionFormat.PrometheusText;
        }

        var text = Match.None;
        var openMetrics = Match.None;
        foreach (var range in accept.Split(','))
        {
            if (!TryParseRange(range, out string type, out string subtype, out string? version, out double quality))
            {
                continue;
            }

            // The most specific range that matches a format sets its quality: "text/plain;q=0.5" wins over
            // "*/*;q=0.1" for text whatever their order.
            text = text.Better(Specificity(type, subtype, version, "text", "plain", "0.0.4"), quality);
            openMetrics = openMetrics.Better(Specificity(type, subtype, version, "application", "openmetrics-text", "1.0.0"), quality);
        }

        return openMetrics.Quality > text.Quality ? ExpositionFormat.OpenMetrics : ExpositionFormat.PrometheusText;
    }

    /// <summary>How specifically a media range names a format: -1 not at all, 0 <c>*/*</c>, 1 <c>type/*</c>, 2 the
    /// type, 3 the type with the version this server writes. A range with another version does not match (an
    /// OpenMetrics 0.0.1 parser is not promised to read 1.0.0).</summary>
    private static int Specificity(string type, string subtype, string? version, string formatType, string formatSubtype, string formatVersion)
    {
        if (type == "*")
        {
            return subtype == "*" ? 0 : -1;
        }

        if (type != formatType)
        {
            return -1;
        }

        if (subtype == "*")
        {
            return 1;
        }

        if (subtype != formatSubtype)
        {
            return -1;
        }

        return version is null ? 2 : version == formatVersion ? 3 : -1;
    }

    private static bool TryParseRange(string range, out string type, out string subtype, out string? version, out double quality)
    {
        type = subtype = "";
        version = null;
        quality = 1;
        var parts = range.Split(';');
        var mediaType = parts[0].Trim().ToLowerInvariant();
        int slash = mediaType.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == mediaType.Length - 1)
        {
            return false;
        }

        type = mediaType[..slash];
        subtype = mediaType[(slash + 1)..];
        foreach (var parameter in parts.Skip(1))
        {
            int equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var name = parameter[..equals].Trim().ToLowerInvariant();
            var value = parameter[(equals + 1)..].Trim().Trim('"');
            if (name == "q")
            {
                if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out quality) || quality > 1)
                {
                    return false;
                }
            }
            else if (name == "version")
            {
                version = value;
            }
        }

        return true;
    }

    /// <summary>The quality a format has so far and the specificity of the range that gave it.</summary>
    private readonly record struct Match(int Specificity, double Quality)
    {
        public static Match None { get; } = new(-1, 0);

        public Match Better(int specificity, double quality) =>
            specificity > Specificity ? new Match(specificity, quality)
            : specificity == Specificity && specificity >= 0 ? this with { Quality = Math.Max(Quality, quality) }
            : this;
    }
}
