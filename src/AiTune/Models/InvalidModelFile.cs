namespace AiTune.Models;

/// <summary>
/// Builds the <see cref="AiTuneException"/> for a model file that cannot be read: the message names the file and the
/// exact problem, the hint says what to do about it.
/// </summary>
internal static class InvalidModelFile
{
    internal const string SafetensorsHint =
        "the file is truncated, damaged or not a safetensors file: re-download it, or re-save it with the safetensors library";

    internal const string GgufHint =
        "the file is truncated, damaged or not a GGUF file: re-download it, or re-convert it with a current llama.cpp";

    internal const string FormatHint = "aitune reads safetensors (.safetensors) and GGUF (.gguf, versions 2 and 3) model files";

    internal const string AccessHint = "check that the path names a model file and that you may read it";

    internal static AiTuneException Safetensors(string shownPath, string problem) => new($"{shownPath}: {problem}", SafetensorsHint);

    internal static AiTuneException Gguf(string shownPath, string problem, string hint = GgufHint) => new($"{shownPath}: {problem}", hint);

    internal static AiTuneException Unrecognised(string shownPath, string problem) => new($"{shownPath}: {problem}", FormatHint);

    internal static AiTuneException Unreadable(string shownPath, string problem, Exception? cause = null) =>
        new($"{shownPath}: {problem}", AccessHint, cause);
}
