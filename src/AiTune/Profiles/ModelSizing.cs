using System.Globalization;
using System.Numerics;
using AiTune.Inspection;
using AiTune.Knobs;

namespace AiTune.Profiles;

/// <summary>A huge page count computed from the model (<c>value = "model"</c>): enough pages of the knob's size for the
/// model's tensor bytes plus headroom, on the first GPU's NUMA node when the host has several and the pages fit the
/// node, else host-wide. Whether the host can spare that much memory is not decided here: the plan's one guard
/// (--max-hugepages-share) refuses a pool that would starve the host, whatever asked for it.</summary>
public sealed record ModelSizing(int HeadroomPercent)
{
    public const int DefaultHeadroomPercent = 5;

    /// <summary>The default of --max-hugepages-share: more than this share of memory in huge pages leaves too little
    /// for everything else (huge pages are taken out of the allocator: the kernel, the page cache and the server
    /// itself would be starved).</summary>
    public const double DefaultMaxHugePagesShare = 0.8;

    public const string NoModel = "no model given (--model FILE or --model-size SIZE)";

    /// <summary>The page count and where to place it, or why it cannot be computed on this host.</summary>
    /// <param name="maxHugePagesShare">The share of a node's memory the pages may take for them to be placed on the
    /// GPU's node (--max-hugepages-share, 0..1); a model that does not fit goes host-wide.</param>
    public (int? Node, Expectation? Expectation, string? SkipReason) Resolve(Knob knob, HostFacts facts, ModelRequirement? model, double maxHugePagesShare)
    {
        if (model is null)
        {
            return (null, null, NoModel);
        }

        long pageBytes = long.Parse(knob.Name[..^2], CultureInfo.InvariantCulture) * 1024;
        // BigInteger: tensor bytes × 105 overflows a long for sizes a user can type (--model-size 90EiB).
        var wanted = (BigInteger)model.TensorBytes * (100 + HeadroomPercent);
        var pageUnit = (BigInteger)pageBytes * 100;
        var pages = (wanted + pageUnit - 1) / pageUnit;
        if (pages > long.MaxValue / pageBytes)
        {
            return (null, null, $"the model needs more {knob.Name} huge pages than any host has memory ({model.Source})");
        }

        long count = (long)pages;
        var expectation = Expectation.Parse(">=" + count.ToString(CultureInfo.InvariantCulture));
        long bytes = count * pageBytes;

        var nodes = facts.Memory.NumaNodes.GetValueOrDefault([]);
        var acceleratorNode = facts.Accelerators.GetValueOrDefault([]).Select(g => g.NumaNode.GetValueOrDefault(-1)).FirstOrDefault(n => n >= 0, -1);
        if (nodes.Count > 1 && nodes.FirstOrDefault(n => n.Id == acceleratorNode) is { } node
            && node.TotalBytes.TryGet(out var nodeBytes) && bytes <= nodeBytes * maxHugePagesShare)
        {
            return (node.Id, expectation, null);
        }

        return (null, expectation, null);
    }

    public override string ToString() => $"model + {HeadroomPercent}% headroom";
}
