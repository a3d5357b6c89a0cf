namespace AiTune.Services.Benchmarking;

/// <summary>Stored runs as an export document.</summary>
/// <param name="Utf8Json">The document, indented, in UTF-8: what the export file holds.</param>
/// <param name="Runs">How many runs it holds.</param>
/// <param name="Database">The result store they came from.</param>
public sealed record RunExport(byte[] Utf8Json, int Runs, string Database);
