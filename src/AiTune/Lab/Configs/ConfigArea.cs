namespace AiTune.Lab.Configs;

/// <summary>The areas the catalogue groups its concepts under, in the order reports list them.</summary>
public enum ConfigArea
{
    PreemptionAndTimer,
    Scheduler,
    Memory,
    IoAndPressure,
    Network,
    Accelerators,
    HardeningAndMitigations,
    ModulesAndVirtualisation,
}
