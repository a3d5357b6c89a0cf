namespace AiTune.Files;

/// <summary>Where aitune keeps its state on a host. Here, below the features, because tuning keeps its journal
/// there and the benchmarks keep root's results database beside it: both name the same directory without one
/// feature reaching into the other.</summary>
public static class StateLocation
{
    /// <summary>The state directory of the host aitune runs on (under a --root tree: inside it).</summary>
    public const string DefaultHostPath = "/var/lib/aitune";
}
