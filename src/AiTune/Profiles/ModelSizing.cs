using System.Globalization;
using System.Numerics;
using AiTune.Audit;
using AiTune.Inspection;
using AiTune.Tuning.Knobs;
using AiTune.Units;

namespace AiTune.Profiles;

/// <summary>A huge page count computed from the model (<c>value = "model"</c>): enough pages of the knob's size for the
/// model's tensor bytes plus headroom, on the first GPU's NUMA node when the host has several, else host-wide.</summary>
public sealed record ModelSizing(int HeadroomPercent)
{
    public const int DefaultHeadroomPercent = 5;

    public const string NoModel = "no model given (--model FILE or --model-size SIZE)";

    /// <summary>More than this share of memory in huge pages leaves too little for everything else (huge pages are
    /// taken out of the allocator: the kernel, the page cache and the server itself would be starved).</summary>
    private const int MaxMemoryPercent = 80;

    /// <summary>The page count and where to place it, or why it cannot be computed on this host.</summary>
    public (int? Node, Expectation? Expectation, string? SkipReason) Resolve(Knob knob, HostFacts facts, ModelRequirement? model)
    {
        if (model is null)
        {
            return (null, null, NoModel);
        }

        long pageBytes = long.Parse(knob.Name[..^2], CultureInfo.InvariantCulture) * 1024;
        // BigInteger: tensor bytes × 105 overflows a long for sizes a user can type (--model-size 90EiB).
        var wanted = (BigInteger)model.TensorBytes * (100 + HeadroomPercent);
        var pageUnit = (BigInteger)pageBytes * 100;
        long pages = (long)((wanted + pageUnit - 1) / pageUnit);
        var bytes = (BigInteger)pages * pageBytes;
        var expectation = Expectation.Parse(">=" + pages.ToString(CultureInfo.InvariantCulture));

        var nodes = facts.Memory.NumaNodes.GetValueOrDefault([]);
        var gpuNode = facts.Gpus.GetValueOrDefault([]).Select(g => g.NumaNode.GetValueOrDefault(-1)).FirstOrDefault(n => n >= 0, -1);
        if (nodes.Count > 1 && nodes.FirstOrDefault(n => n.Id == gpuNode) is { } node
            && node.TotalBytes.TryGet(out var nodeBytes) && bytes <= nodeBytes / 100 * MaxMemoryPercent)
        {
            return (node.Id, expectation, null);
        }

        if (!facts.Memory.TotalBytes.TryGet(out var total))
        {
            return (null, null, $"memory size is unknown: {facts.Memory.TotalBytes.Reason!.Detail}");
        }

        if (bytes > total / 100 * MaxMemoryPercent)
        {
            return (null, null, $"the model needs {pages} × {ByteSize.Format(pageBytes)} ({ByteSize.Format((long)BigInteger.Min(bytes, long.MaxValue))} with {HeadroomPercent}% headroom), " +
                $"over {MaxMemoryPercent}% of memory ({ByteSize.Format(total)}): too large to reserve safely");
        }

        return (null, expectation, null);
    }

    public override string ToString() => $"model + {HeadroomPercent}% headroom";
}
