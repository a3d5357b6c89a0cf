namespace AiTune.Tests.Architecture;

/// <summary>The command line is parse → call a service → render: the command that parsed its arguments binds them into
/// the engine's request records in its own file, and nothing else in the CLI sees a ParseResult. So options cannot
/// leak into helpers that quietly grow into orchestration again.</summary>
public class CliParseResultTests
{
    private const string CliFolder = "src/AiTune.Cli/";

    /// <summary>Files allowed to name ParseResult besides the commands, each with its reason.</summary>
    private static readonly IReadOnlyList<(string File, string Why)> Exceptions =
    [
        ("src/AiTune.Cli/SuiteHelpAction.cs",
            "overrides System.CommandLine's SynchronousCommandLineAction.Invoke(ParseResult): the framework's signature for a help action"),
        ("src/AiTune.Cli/VersionAction.cs",
            "overrides the same Invoke(ParseResult) for --version, the framework's signature for an option's action"),
    ];

    [Fact]
    public void Only_command_files_name_ParseResult()
    {
        var allowed = Exceptions.Select(e => e.File).ToHashSet(StringComparer.Ordinal);
        var offenders = Sources()
            .Where(s => !Path.GetFileName(s.Path).EndsWith("Command.cs", StringComparison.Ordinal) && !allowed.Contains(s.Path))
            .SelectMany(s => Mentions(s.Path, s.Text))
            .ToList();

        Assert.True(offenders.Count == 0,
            "only the *Command.cs that parsed its arguments may take a ParseResult; bind the values into a request record there:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void Every_exception_still_names_ParseResult_so_the_list_only_shrinks()
    {
        var sources = Sources().ToDictionary(s => s.Path, s => s.Text, StringComparer.Ordinal);

        Assert.All(Exceptions, e => Assert.True(sources.TryGetValue(e.File, out var text) && Mentions(e.File, text).Any(),
            $"{e.File} no longer names ParseResult: remove it from {nameof(Exceptions)}"));
    }

    [Fact]
    public void The_scan_sees_a_mention_in_code_but_not_in_a_comment()
    {
        const string Text = """
            // ParseResult in a comment
            /// <see cref="ParseResult"/>
            public static int Run(ParseResult parse) => 0;
            """;

        Assert.Equal(["x.cs:3: public static int Run(ParseResult parse) => 0;"], Mentions("x.cs", Text));
    }

    [Fact]
    public void The_sources_are_found_and_the_commands_among_them_name_ParseResult()
    {
        var sources = Sources().ToList();

        Assert.Contains(sources, s => s.Path == "src/AiTune.Cli/Commands/AuditCommand.cs");
        Assert.Contains(sources, s => s.Path == "src/AiTune.Cli/CommandRunner.cs");
    }

    private static IEnumerable<string> Mentions(string path, string text) =>
        text.Split('\n').Select((line, i) => (Line: line, Number: i + 1))
            .Where(l => CodeOf(l.Line).Contains("ParseResult", StringComparison.Ordinal))
            .Select(l => $"{path}:{l.Number}: {l.Line.Trim()}");

    private static string CodeOf(string line)
    {
        int comment = line.IndexOf("//", StringComparison.Ordinal);
        return comment >= 0 ? line[..comment] : line;
    }

    private static IEnumerable<(string Path, string Text)> Sources()
    {
        var root = RepositoryRoot();
        return Directory.EnumerateFiles(Path.Combine(root, CliFolder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText(f)));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiTune.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("AiTune.slnx not found above " + AppContext.BaseDirectory);
    }
}
