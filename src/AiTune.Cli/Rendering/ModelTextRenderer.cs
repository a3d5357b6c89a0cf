using System.Globalization;
using AiTune.Models;
using AiTune.Units;
using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>A model file for people: the header's facts, the bytes per dtype, and the tensors in file order.</summary>
public static class ModelTextRenderer
{
    public static void Render(ModelFile model, int tensorLimit, IAnsiConsole console)
    {
        PlainLine.Write(console, Markup.Escape($"{model.Path}: {model.Format.ToString().ToLowerInvariant()}, {ByteSize.Format(model.FileSizeBytes)} ({model.FileSizeBytes} bytes)"));
        if (model.Architecture is not null)
        {
            Indented.Write(console, 2, Markup.Escape($"architecture: {model.Architecture}"));
        }

        Indented.Write(console, 2, Markup.Escape($"header: {ByteSize.Format(model.HeaderSizeBytes)}, data from byte {model.DataOffsetBytes}; " +
            $"{model.Tensors.Count} tensors, {ByteSize.Format(model.TotalTensorBytes)} of tensor data, {model.Metadata.Count} metadata keys"));
        foreach (var group in model.Tensors.GroupBy(t => t.DataType).OrderByDescending(g => g.Sum(t => t.SizeBytes)))
        {
            PlainLine.Write(console, Markup.Escape($"  {group.Key,-8} {group.Count(),6} {(group.Count() == 1 ? "tensor " : "tensors")} {ByteSize.Format(group.Sum(t => t.SizeBytes))}"));
        }

        var table = new ValueTable()
            .Column("tensor", ValueColumnRole.Heading)
            .Column("dtype", ValueColumnRole.Detail)
            .Column("shape", ValueColumnRole.Detail)
            .Column("offset", ValueColumnRole.Detail, rightAligned: true)
            .Column("size", ValueColumnRole.Detail, rightAligned: true);
        foreach (var tensor in model.Tensors.Take(tensorLimit))
        {
            table.Row(Markup.Escape(tensor.Name), Markup.Escape(tensor.DataType), Markup.Escape("[" + string.Join(", ", tensor.Shape) + "]"),
                tensor.OffsetBytes.ToString(CultureInfo.InvariantCulture), Markup.Escape(ByteSize.Format(tensor.SizeBytes)));
        }

        table.Write(console);
        if (model.Tensors.Count > tensorLimit)
        {
            Indented.Write(console, 2, Markup.Escape($"… {model.Tensors.Count - tensorLimit} more tensors (--all lists them, --json gives everything)"));
        }
    }
}
