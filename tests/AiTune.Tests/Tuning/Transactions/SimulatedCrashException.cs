namespace AiTune.Tests.Tuning.Transactions;

/// <summary>Thrown by a test's <see cref="AiTune.Tuning.Transactions.CrashPoint"/> where the shipped hook would SIGKILL
/// the process. Deliberately none of the exceptions HostTuner catches (AiTuneException, IOException,
/// UnauthorizedAccessException): a killed process gets no chance to roll anything back either.</summary>
public sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException()
    {
    }

    public SimulatedCrashException(string message)
        : base(message)
    {
    }

    public SimulatedCrashException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
