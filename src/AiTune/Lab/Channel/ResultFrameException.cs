namespace AiTune.Lab.Channel;

/// <summary>The guest's results were refused; <see cref="Exception.Message"/> says why in plain words. Not an
/// <c>AiTuneException</c>: one bad round is recorded as a failed round and the lab goes on.</summary>
public sealed class ResultFrameException(ResultFrameError error, string message) : Exception(message)
{
    public ResultFrameError Error { get; } = error;
}
