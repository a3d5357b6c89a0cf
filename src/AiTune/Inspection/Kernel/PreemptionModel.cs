namespace AiTune.Inspection.Kernel;

public enum PreemptionModel
{
    None,
    Voluntary,
    Full,
    Lazy,
    Rt,
    /// <summary>PREEMPT_DYNAMIC and the active mode could not be read (debugfs needs root).</summary>
    Dynamic,
}
