namespace AiTune.Cli.Rendering;

/// <summary>What a <see cref="ValueTable"/> column holds, which decides how it may be laid out.</summary>
internal enum ValueColumnRole
{
    /// <summary>A value that names the row (an action, a knob id, a tensor name): never wrapped; heads the row's block
    /// when the table does not fit.</summary>
    Heading,

    /// <summary>A value (a number, a setting, a path): never wrapped; a "header: value" detail when the table does
    /// not fit.</summary>
    Detail,

    /// <summary>Explanatory text (why, reason, description): wrapped to whatever width the values leave.</summary>
    Prose,
}
