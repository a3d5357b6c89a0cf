using AiTune.Text;
using Spectre.Console.Rendering;

namespace AiTune.Cli.Rendering;

/// <summary>A renderable whose text segments have their control and format characters escaped; line breaks and
/// Spectre's own control codes pass as they are.</summary>
internal sealed class EscapedRenderable(IRenderable inner) : IRenderable
{
    public Measurement Measure(RenderOptions options, int maxWidth) => inner.Measure(options, maxWidth);

    public IEnumerable<Segment> Render(RenderOptions options, int maxWidth) =>
        inner.Render(options, maxWidth).Select(s => s.IsLineBreak || s.IsControlCode ? s : new Segment(DisplayText.Escape(s.Text), s.Style));
}
