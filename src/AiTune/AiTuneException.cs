namespace AiTune;

/// <summary>
/// An error the user can cause and fix: bad input, a missing file, a host that is not a host tree.
/// The CLI prints <see cref="Exception.Message"/> as an <c>error:</c> line and <see cref="Hint"/> as a
/// <c>hint:</c> line and exits 2; anything else escaping is a bug.
/// </summary>
public sealed class AiTuneException : Exception
{
    public AiTuneException(string message, string hint, Exception? inner = null) : base(message, inner) => Hint = hint;

    public string Hint { get; }
}
