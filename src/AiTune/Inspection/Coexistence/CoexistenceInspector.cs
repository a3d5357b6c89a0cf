using AiTune.Facts;
using AiTune.Hosting;

namespace AiTune.Inspection.Coexistence;

/// <summary>Reads which other tuning tools, orchestrators and container runtimes share this host's kernel settings.</summary>
public static class CoexistenceInspector
{
    public const string TunedActiveProfilePath = "/etc/tuned/active_profile";
    public const string TunedProfileModePath = "/etc/tuned/profile_mode";
    public const string TunedPidPath = "/run/tuned/tuned.pid";
    public const string NetworkInterfacesDirectory = "/sys/class/net";

    /// <summary>TuneD writes these files itself: a line of profile names, a mode word, a pid.</summary>
    private const int MaxStateFileBytes = 4096;

    public static CoexistenceFacts Inspect(HostRoot root)
    {
        var daemons = ProcessScanner.Scan(root);
        return new CoexistenceFacts(
            daemons,
            new TunedFacts(ReadActiveProfiles(root), ReadProfileMode(root), TunedRunning(root, daemons)),
            Running(daemons, [WatchedDaemons.Bpftune]),
            Running(daemons, [WatchedDaemons.Kubelet, .. WatchedDaemons.K3s]),
            ReadForwardingEvidence(root, daemons));
    }

    /// <summary>TuneD writes the names joined by spaces (tuned/utils/global_config and profiles/loader: merged
    /// profiles are "a b"). Profile names are directory names under /usr/lib/tuned or /etc/tuned; anything but
    /// letters, digits, '-', '_' and '.' is not one.</summary>
    public static Fact<IReadOnlyList<string>> ReadActiveProfiles(HostRoot root) =>
        root.ReadText(TunedActiveProfilePath, MaxStateFileBytes).Bind(text =>
        {
            var names = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return names.All(IsProfileName)
                ? Fact.Known<IReadOnlyList<string>>(names)
                : Fact.Unknown<IReadOnlyList<string>>(UnknownReason.Malformed(TunedActiveProfilePath, "not a list of TuneD profile names"));
        });

    public static Fact<string> ReadProfileMode(HostRoot root) =>
        root.ReadText(TunedProfileModePath, MaxStateFileBytes).Bind(text => text.Trim() is "auto" or "manual"
            ? Fact.Known(text.Trim())
            : Fact.Unknown<string>(UnknownReason.Malformed(TunedProfileModePath, "expected auto or manual")));

    /// <summary>A pid file can outlive its daemon (a crash, a pid reused since), so it counts only when the pid
    /// it names is a process called tuned; otherwise the scan decides.</summary>
    private static Fact<bool> TunedRunning(HostRoot root, Fact<IReadOnlyList<RunningDaemon>> daemons)
    {
        var pid = root.ReadText(TunedPidPath, MaxStateFileBytes).Map(text => ProcessScanner.ParsePid(text.Trim()));
        if (pid.TryGet(out var number) && number is { } live && ProcessScanner.ReadComm(root, live) == WatchedDaemons.Tuned)
        {
            return true;
        }

        return Running(daemons, [WatchedDaemons.Tuned]);
    }

    private static Fact<bool> Running(Fact<IReadOnlyList<RunningDaemon>> daemons, IReadOnlyList<string> names) =>
        daemons.Map(list => list.Any(d => names.Contains(d.Name, StringComparer.Ordinal)));

    /// <summary>Evidence found in either place is enough to say forwarding is needed; saying that nothing needs it
    /// takes both the process scan and the interface listing.</summary>
    private static Fact<IReadOnlyList<ForwardingEvidence>> ReadForwardingEvidence(HostRoot root, Fact<IReadOnlyList<RunningDaemon>> daemons)
    {
        var interfaces = root.List(NetworkInterfacesDirectory);
        var evidence = new List<ForwardingEvidence>();
        // Plain loops: a Select after another LINQ operator is a generic virtual call, resolved at run time in NativeAOT.
        if (daemons.TryGet(out var running))
        {
            var named = new HashSet<string>(StringComparer.Ordinal);
            foreach (var daemon in running)
            {
                if (ContainerNetworking.Processes.Contains(daemon.Name, StringComparer.Ordinal) && named.Add(daemon.Name))
                {
                    evidence.Add(new ForwardingEvidence(ForwardingEvidence.Process, daemon.Name));
                }
            }
        }

        if (interfaces.TryGet(out var entries))
        {
            foreach (var entry in entries)
            {
                if (ContainerNetworking.IsForwardingInterface(entry.Name))
                {
                    evidence.Add(new ForwardingEvidence(ForwardingEvidence.Interface, entry.Name));
                }
            }
        }

        if (evidence.Count > 0 || (daemons.IsKnown && interfaces.IsKnown))
        {
            return evidence;
        }

        var reason = daemons.Reason ?? interfaces.Reason!;
        return Fact.Unknown<IReadOnlyList<ForwardingEvidence>>(reason.Kind,
            $"no sign of container networking was found, but the search was incomplete: {reason.Detail}");
    }

    private static bool IsProfileName(string name) =>
        name.Length is > 0 and <= 128 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
