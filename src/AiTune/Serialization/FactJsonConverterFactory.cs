using System.Text.Json;
using System.Text.Json.Serialization;
using AiTune.Facts;
using AiTune.Inspection.Cgroups;
using AiTune.Inspection.Coexistence;
using AiTune.Inspection.Cpu;
using AiTune.Inspection.Kernel;
using AiTune.Inspection.Memory;
using AiTune.Inspection.Storage;

namespace AiTune.Serialization;

/// <summary>Hands out <see cref="FactJsonConverter{T}"/> for every Fact type in the data model. NativeAOT cannot
/// make generic types at run time, so the closed types are listed here; a test serializes every fixture's facts
/// and fails on any type missing from the list.</summary>
public sealed class FactJsonConverterFactory : JsonConverterFactory
{
    private static readonly Dictionary<Type, Func<JsonConverter>> Converters = new()
    {
        [typeof(Fact<string>)] = () => new FactJsonConverter<string>(),
        [typeof(Fact<long>)] = () => new FactJsonConverter<long>(),
        [typeof(Fact<int>)] = () => new FactJsonConverter<int>(),
        [typeof(Fact<bool>)] = () => new FactJsonConverter<bool>(),
        [typeof(Fact<double>)] = () => new FactJsonConverter<double>(),
        [typeof(Fact<IReadOnlyList<string>>)] = () => new FactJsonConverter<IReadOnlyList<string>>(),
        [typeof(Fact<IReadOnlyList<long>>)] = () => new FactJsonConverter<IReadOnlyList<long>>(),
        [typeof(Fact<IReadOnlyDictionary<string, string>>)] = () => new FactJsonConverter<IReadOnlyDictionary<string, string>>(),
        [typeof(Fact<KernelFlavor>)] = () => new FactJsonConverter<KernelFlavor>(),
        [typeof(Fact<LongtermStatus>)] = () => new FactJsonConverter<LongtermStatus>(),
        [typeof(Fact<PreemptionModel>)] = () => new FactJsonConverter<PreemptionModel>(),
        [typeof(Fact<KernelCommandLine>)] = () => new FactJsonConverter<KernelCommandLine>(),
        [typeof(Fact<KernelTaint>)] = () => new FactJsonConverter<KernelTaint>(),
        [typeof(Fact<IReadOnlyList<NumaNode>>)] = () => new FactJsonConverter<IReadOnlyList<NumaNode>>(),
        [typeof(Fact<IReadOnlyList<HugePagePool>>)] = () => new FactJsonConverter<IReadOnlyList<HugePagePool>>(),
        [typeof(Fact<ThpSettings>)] = () => new FactJsonConverter<ThpSettings>(),
        [typeof(Fact<DirtySettings>)] = () => new FactJsonConverter<DirtySettings>(),
        [typeof(Fact<IReadOnlyList<SwapArea>>)] = () => new FactJsonConverter<IReadOnlyList<SwapArea>>(),
        [typeof(Fact<ResourceLimit>)] = () => new FactJsonConverter<ResourceLimit>(),
        [typeof(Fact<CpuIdle>)] = () => new FactJsonConverter<CpuIdle>(),
        [typeof(Fact<IReadOnlyList<CpuVulnerability>>)] = () => new FactJsonConverter<IReadOnlyList<CpuVulnerability>>(),
        [typeof(Fact<IReadOnlyList<BlockDevice>>)] = () => new FactJsonConverter<IReadOnlyList<BlockDevice>>(),
        [typeof(Fact<CgroupVersion>)] = () => new FactJsonConverter<CgroupVersion>(),
        [typeof(Fact<IReadOnlyList<Inspection.Accelerators.Accelerator>>)] = () => new FactJsonConverter<IReadOnlyList<Inspection.Accelerators.Accelerator>>(),
        [typeof(Fact<IReadOnlyList<Inspection.Accelerators.DisplayAdapter>>)] = () => new FactJsonConverter<IReadOnlyList<Inspection.Accelerators.DisplayAdapter>>(),
        [typeof(Fact<IReadOnlyList<Inspection.Rdma.RdmaDevice>>)] = () => new FactJsonConverter<IReadOnlyList<Inspection.Rdma.RdmaDevice>>(),
        [typeof(Fact<IReadOnlyList<Inspection.Rdma.RdmaPort>>)] = () => new FactJsonConverter<IReadOnlyList<Inspection.Rdma.RdmaPort>>(),
        [typeof(Fact<IReadOnlyList<Inspection.Rdma.RdmaNetDevice>>)] = () => new FactJsonConverter<IReadOnlyList<Inspection.Rdma.RdmaNetDevice>>(),
        [typeof(Fact<PressureStall>)] = () => new FactJsonConverter<PressureStall>(),
        [typeof(Fact<PressureLine>)] = () => new FactJsonConverter<PressureLine>(),
        [typeof(Fact<IReadOnlyList<RunningDaemon>>)] = () => new FactJsonConverter<IReadOnlyList<RunningDaemon>>(),
        [typeof(Fact<IReadOnlyList<ForwardingEvidence>>)] = () => new FactJsonConverter<IReadOnlyList<ForwardingEvidence>>(),
    };

    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Fact<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        Converters.TryGetValue(typeToConvert, out var create)
            ? create()
            : throw new NotSupportedException($"no JSON converter for {typeToConvert}: add it to {nameof(FactJsonConverterFactory)}");
}
