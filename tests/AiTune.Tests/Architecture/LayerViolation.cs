namespace AiTune.Tests.Architecture;

/// <summary>One file that uses a layer it may not.</summary>
/// <param name="File">Repository-relative path ("src/AiTune/Hosting/HostRoot.cs").</param>
/// <param name="Layer">The file's own layer.</param>
/// <param name="Uses">The layer it uses.</param>
/// <param name="Reference">The line that names it ("using AiTune.Inspection;").</param>
public sealed record LayerViolation(string File, string Layer, string Uses, string Reference)
{
    public override string ToString() => $"{File}: {Layer} uses {Uses} ({Reference})";
}
