namespace AiTune.Cli.Rendering;

/// <summary>A column of a <see cref="ValueTable"/>.</summary>
internal sealed record ValueColumn(string Header, ValueColumnRole Role, bool RightAligned = false);
