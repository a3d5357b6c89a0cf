namespace AiTune.Services.ClosedLoop;

/// <summary>How the closed loop ended.</summary>
public enum LoopStop
{
    /// <summary>Every round was measured and the runs were compared.</summary>
    Completed,

    /// <summary>Ctrl-C: the host was put back as it was; the runs so far are stored.</summary>
    Interrupted,

    /// <summary>A run was taken on a busy host and --allow-busy was not given: nothing is decided on it.</summary>
    Busy,

    /// <summary>An apply in one of the rounds failed and rolled itself back.</summary>
    ApplyFailed,

    /// <summary>The first run measured nothing (every case was skipped): there is no baseline.</summary>
    NothingMeasured,
}
