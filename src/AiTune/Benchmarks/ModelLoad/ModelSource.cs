using AiTune.Benchmarks.Scratch;
using AiTune.Files;
using AiTune.Models;
using AiTune.Text;
using AiTune.Units;

namespace AiTune.Benchmarks.ModelLoad;

/// <summary>
/// The model file every case of one model-load run loads: the user's, or a synthetic safetensors file written once
/// into a private scratch directory and removed when the last case that uses it is disposed.
/// </summary>
public sealed class ModelSource
{
    private readonly string? modelPath;
    private readonly long syntheticSizeBytes;
    private readonly string scratchParent;
    private ScratchDirectory? scratch;
    private ModelFile? model;
    private int users;

    public ModelSource(string? modelPath, long syntheticSizeBytes, string scratchParent)
    {
        this.modelPath = modelPath;
        this.syntheticSizeBytes = syntheticSizeBytes;
        this.scratchParent = scratchParent;
    }

    public bool Synthetic => modelPath is null;

    /// <summary>"synthetic", or the model file's name (not its directory: the same model copied elsewhere is the
    /// same workload).</summary>
    public string Name => modelPath is null ? "synthetic" : Path.GetFileName(modelPath);

    /// <summary>Where the synthetic model is written: the disk that is measured.</summary>
    public string ScratchParent => scratchParent;

    /// <summary>The file's size before it is read or written, for the memory check that must come first.</summary>
    public long ExpectedBytes => modelPath is null ? syntheticSizeBytes : File.Exists(modelPath) ? new FileInfo(modelPath).Length : 0;

    /// <summary>True when the file lives in memory (tmpfs): a cold load is then a warm one whatever aitune does.</summary>
    public bool InMemory { get; private set; }

    /// <summary>One more case will use the model; each must call <see cref="Release"/> when disposed.</summary>
    public void AddUser() => users++;

    /// <summary>The model's header, checked against the file; the synthetic file is written on first use.</summary>
    public ModelFile Acquire(CancellationToken cancellation)
    {
        if (model is not null)
        {
            return model;
        }

        if (modelPath is not null)
        {
            model = ReadLoadable(modelPath);
            InMemory = FileSystemSpace.Of(modelPath)?.InMemory ?? false;
            return model;
        }

        scratch = ScratchDirectory.Create(scratchParent, syntheticSizeBytes);
        InMemory = scratch.InMemory;
        string path = scratch.File("synthetic.safetensors");
        cancellation.ThrowIfCancellationRequested();
        SyntheticModelWriter.Write(path, ModelFormat.Safetensors, syntheticSizeBytes, cancellation: cancellation);
        model = ModelFileReader.Read(path);
        return model;
    }

    /// <summary>Reads a model file's header and refuses one with no tensor data: a valid file (model info shows it)
    /// that gives a load benchmark nothing to load and nothing to divide by.</summary>
    public static ModelFile ReadLoadable(string path)
    {
        var file = ModelFileReader.Read(path);
        if (file.TotalTensorBytes == 0)
        {
            throw new AiTuneException($"the model {DisplayText.Escape(path)} has no tensor data ({file.Tensors.Count} tensors, 0 bytes): there is nothing to load",
                "give a model file with weights, or measure a synthetic one: leave out --model (aitune model synthetic --size 4GiB -o FILE writes one)");
        }

        return file;
    }

    /// <summary>A case is done with the model; the last one removes a synthetic file.</summary>
    public void Release()
    {
        if (--users <= 0)
        {
            scratch?.Dispose();
            scratch = null;
            model = null;
        }
    }

    public string Describe(ModelFile file) =>
        $"{(Synthetic ? "synthetic " : "")}{file.Format.ToString().ToLowerInvariant()} model {(Synthetic ? "" : DisplayText.Escape(file.Path) + ", ")}{ByteSize.Format(file.TotalTensorBytes)} in {file.Tensors.Count} tensors";
}
