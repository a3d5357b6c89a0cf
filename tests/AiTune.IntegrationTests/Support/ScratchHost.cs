using AiTune.Tests.Support;

namespace AiTune.IntegrationTests.Support;

/// <summary>A writable copy of a captured host tree and a state directory beside it (<see cref="HostTreeCopy"/>),
/// with aitune run in process against them: apply and rollback end to end write plain files there, never this
/// machine's kernel.</summary>
public sealed class ScratchHost(string fixture = "xeon-2numa-nvidia") : IDisposable
{
    private readonly HostTreeCopy copy = new(fixture);

    /// <summary>The temporary directory holding the tree and the state directory.</summary>
    public string Directory => copy.Directory;

    /// <summary>The host tree, for --root.</summary>
    public string Tree => copy.Tree;

    /// <summary>The state directory (journal, history), for --state-dir.</summary>
    public string State => copy.State;

    /// <summary>The file in the tree at a host path ("/proc/sys/vm/swappiness").</summary>
    public string File(string hostPath) => copy.File(hostPath);

    /// <summary>Runs aitune in process with --root and --state-dir pointing here.</summary>
    public Aitune.Result Run(params string[] args) => Aitune.Run([.. args, "--root", Tree, "--state-dir", State]);

    /// <summary>Runs a command that has no state directory (plan, audit, profile) in process with --root pointing here.</summary>
    public Aitune.Result Read(params string[] args) => Aitune.Run([.. args, "--root", Tree]);

    /// <summary>Every file of the tree with its content hash (<see cref="HostTreeCopy.Fingerprint"/>).</summary>
    public Dictionary<string, string> Fingerprint() => copy.Fingerprint();

    public void Dispose() => copy.Dispose();
}
