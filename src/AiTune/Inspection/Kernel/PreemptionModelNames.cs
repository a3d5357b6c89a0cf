namespace AiTune.Inspection.Kernel;

/// <summary>The preemption models by the names the kernel's config and aitune's output give them ("voluntary"),
/// without the enum reflection NativeAOT does on the first ToString of an enum type (a quarter of a millisecond of a
/// run that names one). PreemptionModelNamesTests hold them to the enum.</summary>
public static class PreemptionModelNames
{
    public static string Of(PreemptionModel model) => model switch
    {
        PreemptionModel.None => "none",
        PreemptionModel.Voluntary => "voluntary",
        PreemptionModel.Full => "full",
        PreemptionModel.Lazy => "lazy",
        PreemptionModel.Rt => "rt",
        PreemptionModel.Dynamic => "dynamic",
        _ => throw new ArgumentOutOfRangeException(nameof(model)),
    };
}
