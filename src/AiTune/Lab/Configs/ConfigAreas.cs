namespace AiTune.Lab.Configs;

/// <summary>The names reports give the areas.</summary>
public static class ConfigAreas
{
    public static string Title(ConfigArea area) => area switch
    {
        ConfigArea.PreemptionAndTimer => "Preemption & timer",
        ConfigArea.Scheduler => "Scheduler",
        ConfigArea.Memory => "Memory",
        ConfigArea.IoAndPressure => "I/O & pressure",
        ConfigArea.Network => "Network",
        ConfigArea.Accelerators => "Accelerators & DMA",
        ConfigArea.HardeningAndMitigations => "Hardening & mitigations",
        ConfigArea.ModulesAndVirtualisation => "Modules & virtualisation",
        _ => area.ToString(),
    };

    /// <summary>The id JSON uses ("preemption-and-timer").</summary>
    public static string Id(ConfigArea area) => area switch
    {
        ConfigArea.PreemptionAndTimer => "preemption-and-timer",
        ConfigArea.Scheduler => "scheduler",
        ConfigArea.Memory => "memory",
        ConfigArea.IoAndPressure => "io-and-pressure",
        ConfigArea.Network => "network",
        ConfigArea.Accelerators => "accelerators",
        ConfigArea.HardeningAndMitigations => "hardening-and-mitigations",
        ConfigArea.ModulesAndVirtualisation => "modules-and-virtualisation",
        _ => area.ToString(),
    };
}
