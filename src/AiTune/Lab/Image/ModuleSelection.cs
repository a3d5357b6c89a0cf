namespace AiTune.Lab.Image;

/// <summary>What the guest needs of a kernel's modules: the wanted names the kernel has built in (nothing to load),
/// and the modules to load, dependencies first.</summary>
public sealed record ModuleSelection(string Release, IReadOnlyList<string> BuiltIn, IReadOnlyList<KernelModule> LoadOrder);
