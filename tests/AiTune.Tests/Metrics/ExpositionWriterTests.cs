using AiTune.Metrics;
using CsCheck;

namespace AiTune.Tests.Metrics;

public class ExpositionWriterTests
{
    private static readonly MetricFamily Info = MetricFamily.Gauge("aitune_accelerator_info", "One per device",
        [MetricSample.Of(1, ("model", "a\"b\\c\nd"), ("pci_address", "0000:98:00.0"))]);

    [Fact]
    public void Hostile_label_values_are_escaped_exactly_as_the_text_format_requires()
    {
        var text = ExpositionWriter.Write([Info], ExpositionFormat.PrometheusText);

        Assert.Equal(
            "# HELP aitune_accelerator_info One per device\n" +
            "# TYPE aitune_accelerator_info gauge\n" +
            "aitune_accelerator_info{model=\"a\\\"b\\\\c\\nd\",pci_address=\"0000:98:00.0\"} 1\n",
            text);
    }

    [Fact]
    public void Help_escapes_backslash_and_newline_and_only_openmetrics_escapes_the_quote()
    {
        var family = MetricFamily.Gauge("aitune_x", "say \"hi\" \\ then\nmore", [MetricSample.Of(2)]);

        Assert.StartsWith("# HELP aitune_x say \"hi\" \\\\ then\\nmore\n", ExpositionWriter.Write([family], ExpositionFormat.PrometheusText));
        Assert.StartsWith("# HELP aitune_x say \\\"hi\\\" \\\\ then\\nmore\n", ExpositionWriter.Write([family], ExpositionFormat.OpenMetrics));
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(0.1, "0.1")]
    [InlineData(48.213377, "48.213377")]
    [InlineData(540632711168d, "540632711168")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(1e-9, "1E-09")]
    public void Values_are_written_to_round_trip(double value, string expected)
    {
        Assert.Equal(expected, ExpositionText.FormatValue(value));
        if (!double.IsNaN(value))
        {
            Assert.Equal(value, double.Parse(expected.Replace("+Inf", "Infinity").Replace("-Inf", "-Infinity"), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Any_double_round_trips_through_its_text()
    {
        Gen.Double.Sample(value =>
        {
            var text = ExpositionText.FormatValue(value);
            var parsed = text switch
            {
                "NaN" => double.NaN,
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                _ => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
            };
            return parsed.Equals(value);
        });
    }

    [Fact]
    public void The_utf8_value_is_the_text_value_for_any_double()
    {
        Span<byte> utf8 = stackalloc byte[ExpositionText.MaxValueBytes];
        foreach (var extreme in new[] { double.MinValue, -double.Epsilon, double.NaN, double.NegativeInfinity, -0.0 })
        {
            Assert.Equal(ExpositionText.FormatValue(extreme), System.Text.Encoding.UTF8.GetString(utf8[..ExpositionText.FormatValue(extreme, utf8)]));
        }

        Gen.Double.Sample(value =>
        {
            Span<byte> bytes = stackalloc byte[ExpositionText.MaxValueBytes];
            return System.Text.Encoding.UTF8.GetString(bytes[..ExpositionText.FormatValue(value, bytes)]) == ExpositionText.FormatValue(value);
        });
    }

    [Theory]
    [InlineData("aitune_x", true, true)]
    [InlineData("_x9", true, true)]
    [InlineData("a:b", true, false)]
    [InlineData(":a", true, false)]
    [InlineData("9a", false, false)]
    [InlineData("__name", true, false)]
    [InlineData("a-b", false, false)]
    [InlineData("é", false, false)]
    [InlineData("", false, false)]
    public void Metric_and_label_names_follow_the_data_model(string name, bool metric, bool label)
    {
        Assert.Equal(metric, ExpositionText.IsValidMetricName(name));
        Assert.Equal(label, ExpositionText.IsValidLabelName(name));
    }

    [Fact]
    public void Families_and_samples_keep_their_order_and_help_and_type_come_once()
    {
        var families = new[]
        {
            MetricFamily.Gauge("aitune_b", "B", [MetricSample.Of(1, ("node", "1")), MetricSample.Of(2, ("node", "0"))]),
            MetricFamily.Gauge("aitune_a", "A", [MetricSample.Of(3)]),
        };

        Assert.Equal(
            "# HELP aitune_b B\n# TYPE aitune_b gauge\naitune_b{node=\"1\"} 1\naitune_b{node=\"0\"} 2\n" +
            "# HELP aitune_a A\n# TYPE aitune_a gauge\naitune_a 3\n",
            ExpositionWriter.Write(families, ExpositionFormat.PrometheusText));
    }

    [Fact]
    public void OpenMetrics_declares_counters_without_total_and_ends_with_eof()
    {
        var families = new[]
        {
            MetricFamily.Counter("aitune_thp_events_total", "THP events", [MetricSample.Of(48211, ("event", "fault_alloc"))]),
            MetricFamily.Gauge("aitune_memory_swappiness", "vm.swappiness", [MetricSample.Of(60)]),
        };

        Assert.Equal(
            "# HELP aitune_thp_events THP events\n# TYPE aitune_thp_events counter\naitune_thp_events_total{event=\"fault_alloc\"} 48211\n" +
            "# HELP aitune_memory_swappiness vm.swappiness\n# TYPE aitune_memory_swappiness gauge\naitune_memory_swappiness 60\n" +
            "# EOF\n",
            ExpositionWriter.Write(families, ExpositionFormat.OpenMetrics));
        Assert.Contains("# TYPE aitune_thp_events_total counter\n", ExpositionWriter.Write(families, ExpositionFormat.PrometheusText));
        Assert.DoesNotContain("# EOF", ExpositionWriter.Write(families, ExpositionFormat.PrometheusText));
    }

    [Fact]
    public void Comments_appear_in_the_text_format_only_and_stay_on_one_line()
    {
        var family = MetricFamily.Gauge("aitune_a", "A", [MetricSample.Of(1)]);

        Assert.StartsWith("# collector thp: a\\nb\n# HELP", ExpositionWriter.Write([family], ExpositionFormat.PrometheusText, ["collector thp: a\nb"]));
        Assert.StartsWith("# HELP", ExpositionWriter.Write([family], ExpositionFormat.OpenMetrics, ["collector thp: a\nb"]));
    }

    [Fact]
    public void The_content_types_are_the_ones_scrapers_negotiate()
    {
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", ExpositionWriter.ContentType(ExpositionFormat.PrometheusText));
        Assert.Equal("application/openmetrics-text; version=1.0.0; charset=utf-8", ExpositionWriter.ContentType(ExpositionFormat.OpenMetrics));
    }

    [Fact]
    public void A_duplicate_series_is_refused_whatever_the_label_order()
    {
        var family = MetricFamily.Gauge("aitune_hugepages_pool_pages", "pool",
        [
            MetricSample.Of(1, ("page_size_bytes", "2097152"), ("node", "0")),
            MetricSample.Of(2, ("node", "0"), ("page_size_bytes", "2097152")),
        ]);

        var error = Assert.Throws<InvalidExpositionException>(() => ExpositionWriter.Write([family], ExpositionFormat.PrometheusText));
        Assert.Equal("duplicate series aitune_hugepages_pool_pages{node=\"0\",page_size_bytes=\"2097152\"}", error.Message);
    }

    [Fact]
    public void An_empty_label_is_the_same_series_as_no_label()
    {
        var family = MetricFamily.Gauge("aitune_a", "A", [MetricSample.Of(1), MetricSample.Of(2, ("x", ""))]);

        Assert.Throws<InvalidExpositionException>(() => SeriesCheck.Validate([family]));
    }

    [Theory]
    [InlineData("aitune-bad", "value", "'aitune-bad' is not a metric name")]
    [InlineData("aitune_ok", "1abel", "aitune_ok: '1abel' is not a label name")]
    [InlineData("aitune_ok", "__reserved", "aitune_ok: '__reserved' is not a label name")]
    public void Bad_names_are_refused(string name, string label, string problem)
    {
        var family = MetricFamily.Gauge(name, "h", [MetricSample.Of(1, (label, "v"))]);

        Assert.Equal(problem, SeriesCheck.Problems([family]).First());
    }

    [Fact]
    public void Families_declared_twice_and_misnamed_counters_are_refused()
    {
        var gauge = MetricFamily.Gauge("aitune_a", "A", [MetricSample.Of(1)]);
        var counterAsGauge = MetricFamily.Gauge("aitune_b_total", "B", [MetricSample.Of(1)]);
        var clash = MetricFamily.Counter("aitune_a_total", "A", [MetricSample.Of(1)]);

        Assert.Equal("aitune_a is declared twice", SeriesCheck.Problems([gauge, gauge]).Single());
        Assert.Equal("aitune_b_total: counters, and only counters, end in _total", SeriesCheck.Problems([counterAsGauge]).Single());
        Assert.Equal("aitune_a_total is declared twice", SeriesCheck.Problems([gauge, clash]).Single());
    }

    [Fact]
    public void Any_label_value_round_trips_through_escaping()
    {
        var hostile = Gen.OneOf(Gen.String, Gen.Char['\0', '\u007f'].Array[0, 64].Select(c => new string(c)),
            Gen.OneOfConst("\\", "\"", "\n", "\\n", "\\\"", "\"\\\n", "a\\", "\\\\\"")
                .Array[0, 8].Select(parts => string.Concat(parts)));
        hostile.Sample(value =>
        {
            var escaped = ExpositionText.EscapeLabelValue(value);
            return !escaped.Contains('\n') && ExpositionText.UnescapeLabelValue(escaped) == value
                && QuotesAreAllEscaped(escaped);
        });
    }

    [Theory]
    [InlineData("a\\")]
    [InlineData("a\\x")]
    [InlineData("a\"b")]
    [InlineData("a\nb")]
    public void Text_no_escaping_produces_is_not_unescaped(string escaped) =>
        Assert.Null(ExpositionText.UnescapeLabelValue(escaped));

    private static bool QuotesAreAllEscaped(string escaped)
    {
        for (int i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '\\')
            {
                i++;
            }
            else if (escaped[i] == '"')
            {
                return false;
            }
        }

        return true;
    }
}
