using System.Text;
using System.Text.Json;
using AiTune.Benchmarks;
using AiTune.Benchmarks.Kernel;
using AiTune.Benchmarks.Store;
using AiTune.Lab.Guest;
using AiTune.Services.Benchmarking;
using AiTune.Services.Hosts;

namespace AiTune.Services.Lab;

/// <summary>What aitune runs as PID 1 of a lab guest: the "suites" payload composed here (identity, audit, benchmark
/// suites), else the lab's own built-in payloads.</summary>
public static class LabGuestPayloads
{
    public const string Suites = "suites";

    public const string Snapshot = "snapshot";

    /// <param name="toolVersion">aitune's version, recorded with the guest's run (the host's aitune wrote the image, so
    /// it is the same).</param>
    public static byte[] Run(LabSettings settings, GuestBoot boot, string toolVersion) => settings.Payload switch
    {
        Suites => RunSuites(settings, boot, toolVersion),
        Snapshot => RunSnapshot(settings, boot, toolVersion),
        _ => BuiltInLabPayloads.Run(settings, boot),
    };

    /// <summary>`aitune snapshot` of the guest, written to its tmpfs and sent whole.</summary>
    private static byte[] RunSnapshot(LabSettings settings, GuestBoot boot, string toolVersion)
    {
        var identity = IdentifyPayload.Identify(settings, boot);
        const string archive = "/tmp/aitune-guest-snapshot.tar.gz";
        new HostOpening(toolVersion).Snapshot(null, archive, replace: true, CancellationToken.None);
        var document = new GuestSnapshot(GuestSnapshot.CurrentSchemaVersion, identity, File.ReadAllBytes(archive));
        return JsonSerializer.SerializeToUtf8Bytes(document, LabJsonContext.Strict.GuestSnapshot);
    }

    private static byte[] RunSuites(LabSettings settings, GuestBoot boot, string toolVersion)
    {
        var identity = IdentifyPayload.Identify(settings, boot);
        var suites = BenchmarkSuites.Parse(string.Join(',', settings.Suites ?? ["kernel"]));
        if (suites.Any(s => s.Name != KernelSuite.Name) && BasePagesOnly.Leave() is { } problem)
        {
            GuestConsole.WriteLine(problem);
        }

        // The guest's only writable filesystems are tmpfs: /tmp is the scratch space.
        var arguments = new SuiteArguments { Quick = settings.Quick, ScratchDirectory = "/tmp" };
        var (profile, score, verdict) = Audit(settings.Profile, toolVersion);

        GuestConsole.WriteLine("warm-up pass");
        // A kernel settles for tens of seconds after boot (6.12 ran its first pass at twice the instructions): the
        // first pass is measured and thrown away.
        Measure(suites, arguments, settings, toolVersion);
        GuestConsole.WriteLine("measured pass");
        var run = Measure(suites, arguments, settings, toolVersion);
        var runs = Encoding.UTF8.GetString(BenchmarkRunsDocument.Of([run]).ToUtf8Json());
        var report = new LabGuestReport(LabGuestReport.CurrentSchemaVersion, identity, profile, score, verdict, runs);
        return JsonSerializer.SerializeToUtf8Bytes(report, LabJsonContext.Strict.LabGuestReport);
    }

    private static BenchmarkRun Measure(IReadOnlyList<BenchmarkSuite> suites, SuiteArguments arguments, LabSettings settings, string toolVersion)
    {
        var facts = new HostOpening(toolVersion).Facts(null, Profiles.ProfileCatalog.BuiltIn);
        var environment = RunEnvironment.From(facts, null, toolVersion);
        var run = BenchmarkSession.Run(suites, arguments.ToSuiteOptions(), arguments.Settings, environment, null, null, null, CancellationToken.None);
        var fingerprint = settings.Parameters ?? new Dictionary<string, string>();
        return run with
        {
            Cases = run.Cases.Select(c => c with
            {
                Parameters = (c.Parameters ?? new Dictionary<string, string>()).Concat(fingerprint)
                    .GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
            }).ToList(),
        };
    }

    /// <summary>The guest's audit for the profile: how ready this kernel is for it, beside what it measured.</summary>
    private static (string? Profile, int? Score, string Verdict) Audit(string? profile, string toolVersion)
    {
        if (profile is null)
        {
            return (null, null, "no profile asked for");
        }

        try
        {
            var report = new HostAudit(toolVersion).Run(new HostProfileRequest(null, [], profile, ModelSpecification.None));
            var score = report.Summary.Scores.FirstOrDefault(s => s.Profile == profile)?.Score;
            return (profile, score, report.Summary.Verdict);
        }
        catch (AiTuneException e)
        {
            return (profile, null, "the audit could not run: " + e.Message);
        }
    }
}
