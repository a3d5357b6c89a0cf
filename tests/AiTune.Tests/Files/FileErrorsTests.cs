using System.Text.Json;
using AiTune.Files;
using AiTune.Tuning.Writing;

namespace AiTune.Tests.Files;

/// <summary>The framework's exceptions as sentences: built from the exception's type and errno, never from its
/// message, which the published binary replaces with a resource key.</summary>
public class FileErrorsTests
{
    [Fact]
    public void Exceptions_are_described_by_kind_and_errno_never_by_their_message()
    {
        Assert.Equal("permission denied", FileErrors.Describe(new UnauthorizedAccessException("UnauthorizedAccess_IODenied_Path, /x")));
        Assert.Equal("no such file or directory", FileErrors.Describe(new FileNotFoundException("IO_FileNotFound_FileName, /x")));
        Assert.Equal("no such file or directory", FileErrors.Describe(new DirectoryNotFoundException("IO_PathNotFound_Path, /x")));
        Assert.Equal("no space left on device", FileErrors.Describe(new IOException("IO_DiskFull, /x", 28)));
        Assert.Equal("read-only file system", FileErrors.Describe(new IOException("whatever", 30)));
        Assert.Equal("input/output error", FileErrors.Describe(new IOException("IO_SharingViolation_File, /x")));
        Assert.Equal("the data ends too early (truncated)", FileErrors.Describe(new EndOfStreamException("IO_EOF_ReadBeyondEOF")));
        Assert.Equal("unexpected InvalidOperationException", FileErrors.Describe(new InvalidOperationException("Arg_Something")));
    }

    [Fact]
    public void Real_file_system_errors_read_as_the_C_library_says_them()
    {
        using var tree = new Support.TempHostTree();
        var missing = Assert.ThrowsAny<IOException>(() => File.ReadAllBytes(tree.Physical("no/such/file")));
        Assert.Equal("no such file or directory", FileErrors.Describe(missing));

        File.CreateSymbolicLink(tree.Physical("loop"), tree.Physical("loop"));
        var loop = Assert.ThrowsAny<IOException>(() => File.ReadAllBytes(tree.Physical("loop")));
        Assert.Equal("too many levels of symbolic links", FileErrors.Describe(loop));
    }

    [Fact]
    public void A_JSON_syntax_error_names_its_line_and_byte_from_one()
    {
        var error = Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse("{\"a\": 1,\n  oops}"));

        Assert.Equal("not valid JSON at line 2, byte 3", FileErrors.Describe(error));
    }

    [Fact]
    public void A_JSON_document_of_the_wrong_shape_names_the_path_of_the_value()
    {
        var error = Assert.ThrowsAny<JsonException>(() =>
            JsonSerializer.Deserialize("{\"schemaVersion\": \"one\"}", AiTune.Snapshots.SnapshotJsonContext.Default.SnapshotMetadata));

        Assert.Equal("not the expected JSON document: a value at $.schemaVersion has the wrong type or is missing (line 1, byte 24)", FileErrors.Describe(error));
    }

    [Fact]
    public void Reading_errors_name_the_path_and_give_the_hint_that_fits()
    {
        var denied = FileErrors.Reading("/srv/models/x.gguf", new UnauthorizedAccessException());
        Assert.Equal("permission denied reading /srv/models/x.gguf", denied.Message);
        Assert.Equal(DurableFiles.IsRoot ? "root was refused too: check the file's attributes (lsattr), ACLs and its mount" : "run it with sudo", denied.Hint);

        var profile = FileErrors.Reading("/nope.toml", new FileNotFoundException(), "give a profile", "the profile file");
        Assert.Equal("the profile file /nope.toml: no such file or directory", profile.Message);
        Assert.Equal("give a profile", profile.Hint);

        // .NET reports a directory opened as a file as an access error: it is not a permission problem.
        var directory = FileErrors.Reading("/tmp", new UnauthorizedAccessException());
        Assert.Equal("/tmp is a directory, not a file", directory.Message);
    }

    [Fact]
    public void Writing_errors_say_what_to_do_about_a_full_or_read_only_disk()
    {
        var full = FileErrors.Writing("/var/tmp/m.gguf", new IOException("IO_DiskFull", 28));
        Assert.Equal("cannot write /var/tmp/m.gguf: no space left on device", full.Message);
        Assert.Equal("free space on that file system, or write to another one", full.Hint);

        var readOnly = FileErrors.Writing("/usr/m.gguf", new IOException("x", 30));
        Assert.Equal("cannot write /usr/m.gguf: read-only file system", readOnly.Message);

        var denied = FileErrors.Writing("/etc/m.gguf", new UnauthorizedAccessException());
        Assert.Equal("permission denied writing /etc/m.gguf", denied.Message);
    }
}
