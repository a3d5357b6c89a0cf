using Spectre.Console.Rendering;

namespace AiTune.Cli.Rendering;

/// <summary>
/// Escapes control and format characters in everything the console renders (<see cref="AiTune.Text.DisplayText"/>):
/// values come from host files and snapshot archives captured elsewhere, and a sysctl or sysfs value holding ESC
/// sequences or a bidi override must not drive the reader's terminal. Spectre writes its own colours as styles,
/// outside the segments' text, so they are untouched.
/// </summary>
internal sealed class ControlCharacterHook : IRenderHook
{
    public IEnumerable<IRenderable> Process(RenderOptions options, IEnumerable<IRenderable> renderables) =>
        renderables.Select(r => (IRenderable)new EscapedRenderable(r));
}
