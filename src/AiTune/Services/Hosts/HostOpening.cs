using AiTune.Hosting;
using AiTune.Inspection;
using AiTune.Inspection.Sysctl;
using AiTune.Profiles;
using AiTune.Snapshots;

namespace AiTune.Services.Hosts;

/// <summary>
/// Opens a host (the live one, a host tree or a snapshot archive, as --root names it), loads the profiles it can use
/// and reads its facts once, with every sysctl a profile expects among them: the first step of every command that
/// looks at a host.
/// </summary>
/// <param name="toolVersion">aitune's version, which a snapshot's metadata and an opened archive's source record.</param>
public sealed class HostOpening(string toolVersion)
{
    /// <summary>The sysctl keys the profiles of <paramref name="catalog"/> expect: read with the facts, so the audit
    /// and the plan judge them.</summary>
    public static IEnumerable<string> ProfileSysctls(ProfileCatalog catalog) => SysctlNames(catalog, builtInToo: true);

    /// <summary>The sysctl keys the profiles of <paramref name="catalog"/> name, each once, in the order they first
    /// appear; only those of user profiles unless <paramref name="builtInToo"/>. A plain loop: a LINQ chain ending in
    /// Select is a generic virtual call, which NativeAOT resolves at run time, in every command.</summary>
    private static List<string> SysctlNames(ProfileCatalog? catalog, bool builtInToo)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var profile in catalog?.All ?? [])
        {
            foreach (var setting in profile.Settings)
            {
                if ((builtInToo || !setting.BuiltIn) && setting.Knob.SysctlKey() is not null && seen.Add(setting.Knob.Name))
                {
                    names.Add(setting.Knob.Name);
                }
            }
        }

        return names;
    }

    /// <summary>The facts, with the sysctls the profiles of <paramref name="catalog"/> expect among them, for commands
    /// that resolve no profile (inspect, bench).</summary>
    /// <param name="root">--root: null or "/" for this host, a host tree directory, or a snapshot archive.</param>
    public HostFacts Facts(string? root, ProfileCatalog catalog)
    {
        var (host, source) = HostRootOpener.Open(root, toolVersion);
        using (host)
        {
            return HostInspector.Inspect(host, source, ProfileSysctls(catalog));
        }
    }

    /// <summary>The facts for resolving a profile, with <paramref name="sysctls"/> among the sysctls read; on the live
    /// host, the kernel's keys too when a sysctl of a user profile in <paramref name="catalog"/> is absent (a misspelt
    /// key is then named with the closest one). Without a catalog (replanning from the journal) none is needed.</summary>
    public HostFacts FactsFor(string? root, IEnumerable<string> sysctls, ProfileCatalog? catalog)
    {
        var (host, source) = HostRootOpener.Open(root, toolVersion);
        using (host)
        {
            return InspectForProfiles(host, source, sysctls, catalog);
        }
    }

    /// <summary>The profiles of this host (built-in, its /etc/aitune/profiles.d, and <paramref name="profileFiles"/>),
    /// then its facts, with the sysctls the user profiles expect among them.</summary>
    public OpenedHost FactsAndProfiles(string? root, IReadOnlyList<string> profileFiles)
    {
        var (host, source) = HostRootOpener.Open(root, toolVersion);
        using (host)
        {
            // The reads that need no profile start first; the profiles load meanwhile.
            var inspection = HostInspector.Begin(host, source);
            var catalog = ProfileCatalog.Load(host, profileFiles);
            return new OpenedHost(InspectForProfiles(host, inspection, ProfileSysctls(catalog), catalog), catalog);
        }
    }

    /// <summary>The host of <paramref name="request"/> with its profiles, the selection named and the model: the model
    /// is read first, so a bad model file is refused before the host is read.</summary>
    public HostUnderProfile ForProfile(HostProfileRequest request)
    {
        var model = request.Model.Requirement();
        var host = FactsAndProfiles(request.Root, request.ProfileFiles);
        return new HostUnderProfile(host.Facts, host.Catalog, host.Catalog.Select(request.Profile), model);
    }

    /// <summary>The profiles of this host, without reading its facts.</summary>
    public ProfileCatalog Profiles(string? root, IReadOnlyList<string> profileFiles)
    {
        var (host, _) = HostRootOpener.Open(root, toolVersion);
        using (host)
        {
            return ProfileCatalog.Load(host, profileFiles);
        }
    }

    /// <summary>Captures what inspect reads of the host (and the sysctls the built-in profiles expect) into one
    /// archive at <paramref name="outputPath"/>, written whole or not at all.</summary>
    /// <param name="replace">Replace an existing file (--force); without it an existing file is refused before the
    /// host is opened.</param>
    public SnapshotMetadata Snapshot(string? root, string outputPath, bool replace, CancellationToken cancellation)
    {
        Files.OutputFile.RequireWritable(outputPath, replace);
        var (host, source) = HostRootOpener.Open(root, toolVersion);
        using (host)
        {
            return SnapshotWriter.Capture(host, source, ProfileSysctls(ProfileCatalog.BuiltIn), outputPath, toolVersion, replace, cancellation);
        }
    }

    private static HostFacts InspectForProfiles(HostRoot host, HostSource source, IEnumerable<string> sysctls, ProfileCatalog? catalog) =>
        InspectForProfiles(host, HostInspector.Begin(host, source), sysctls, catalog);

    private static HostFacts InspectForProfiles(HostRoot host, HostInspection inspection, IEnumerable<string> sysctls, ProfileCatalog? catalog)
    {
        var facts = inspection.Finish(sysctls);
        // Only a user profile's key can be misspelt: the built-in profiles' and the inspector's own are spelt right,
        // and a kernel may simply lack them.
        var userKeys = SysctlNames(catalog, builtInToo: false).ToHashSet(StringComparer.Ordinal);
        return facts with { Sysctls = SysctlInspector.WithKernelKeys(host, facts.Sysctls, userKeys.Contains) };
    }
}
