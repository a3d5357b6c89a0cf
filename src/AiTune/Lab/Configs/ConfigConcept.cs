namespace AiTune.Lab.Configs;

/// <summary>One AI-relevant thing a kernel's build configuration decides, read from one or more options.</summary>
/// <param name="Id">A stable id for JSON and tests ("thp-default").</param>
/// <param name="Title">A short name for the row ("THP default").</param>
public sealed record ConfigConcept(string Id, ConfigArea Area, string Title, ConceptReader Reader);
