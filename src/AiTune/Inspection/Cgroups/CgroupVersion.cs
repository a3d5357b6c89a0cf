namespace AiTune.Inspection.Cgroups;

public enum CgroupVersion
{
    V1,
    V2,
    Hybrid,
}
