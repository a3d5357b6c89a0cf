namespace AiTune.Audit;

public enum Category
{
    Kernel,
    Memory,
    Cpu,
    Storage,
    Network,
    Gpu,
    Cgroups,
    Security,
}
