using System.Runtime.InteropServices;
using System.Text.Json;
using AiTune.Interop;
using AiTune.Text;

namespace AiTune.Files;

/// <summary>
/// The framework's exceptions as sentences a person reads. The published binary is trimmed with UseSystemResourceKeys
/// and InvariantGlobalization, so there .NET's own messages are resource keys ("UnauthorizedAccess_IODenied_Path,
/// /x", "TarInvalidNumber"), not English: no framework message may reach a user. An exception is described by its
/// type and, for I/O errors, by its errno (.NET on Linux keeps the errno in <see cref="Exception.HResult"/>), whose
/// text comes from the C library's strerror.
/// </summary>
public static class FileErrors
{
    private const int Enospc = 28;
    private const int Erofs = 30;
    private const int Edquot = 122;

    /// <summary>What went wrong, without the path: "permission denied", "no such file or directory", "no space left
    /// on device", "not valid JSON at line 3, byte 7".</summary>
    public static string Describe(Exception exception) => exception switch
    {
        UnauthorizedAccessException => "permission denied",
        FileNotFoundException or DirectoryNotFoundException => "no such file or directory",
        PathTooLongException => "the path is too long",
        EndOfStreamException => "the data ends too early (truncated)",
        JsonException json => Json(json),
        InvalidDataException => "not valid compressed data",
        IOException io when Errno(io) is { } errno => Strerror(errno),
        IOException => "input/output error",
        OperationCanceledException => "interrupted",
        _ => $"unexpected {exception.GetType().Name}",
    };

    /// <summary>The error for a file that could not be read, with a hint that fits the case.</summary>
    /// <param name="what">What the file is, for the message ("the profile file"); null for just the path.</param>
    public static AiTuneException Reading(string path, Exception exception, string? hint = null, string? what = null)
    {
        string shown = what is null ? DisplayText.FilePath(path) : $"{what} {DisplayText.FilePath(path)}";
        return exception switch
        {
            UnauthorizedAccessException when Directory.Exists(path) => new($"{shown} is a directory, not a file", hint ?? "give the path of a file"),
            UnauthorizedAccessException => new($"permission denied reading {shown}", PermissionHint),
            FileNotFoundException or DirectoryNotFoundException => new($"{shown}: no such file or directory", hint ?? "check the path"),
            _ => new($"cannot read {shown}: {Describe(exception)}", hint ?? "check the file and the disk it is on (dmesg shows I/O errors)"),
        };
    }

    /// <summary>The error for a file that could not be written, with a hint that fits the case.</summary>
    public static AiTuneException Writing(string path, Exception exception, string? hint = null)
    {
        string shown = DisplayText.FilePath(path);
        int? errno = exception is IOException io ? Errno(io) : null;
        return exception switch
        {
            UnauthorizedAccessException => new($"permission denied writing {shown}",
                IsRoot ? "root was refused too: check the directory's attributes (lsattr) and its mount" : "run it with sudo, or choose a directory you may write to"),
            DirectoryNotFoundException => new($"cannot write {shown}: the directory {DisplayText.FilePath(Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/")} does not exist",
                hint ?? "create the directory first, or choose another path"),
            _ when errno is Enospc or Edquot => new($"cannot write {shown}: {Describe(exception)}", "free space on that file system, or write to another one"),
            _ when errno is Erofs => new($"cannot write {shown}: {Describe(exception)}", "choose a path on a writable file system"),
            _ => new($"cannot write {shown}: {Describe(exception)}", hint ?? "check the path and the disk it is on (dmesg shows I/O errors)"),
        };
    }

    /// <summary>True for the exceptions that reading or writing a file throws for reasons outside aitune: these become
    /// <see cref="AiTuneException"/>s; anything else is a bug.</summary>
    public static bool IsFileError(Exception exception) =>
        exception is IOException or UnauthorizedAccessException;

    /// <summary>What to do about a permission error: sudo helps only when we are not root already.</summary>
    public static string PermissionHint => IsRoot
        ? "root was refused too: check the file's attributes (lsattr), ACLs and its mount"
        : "run it with sudo";

    private static bool IsRoot => Posix.GetEuid() == 0;

    /// <summary>The errno .NET keeps in an IOException's HResult on Linux; other HResults are Windows-style codes
    /// (0x8007xxxx, 0x8013xxxx), negative as an int.</summary>
    internal static int? Errno(IOException exception) => exception.HResult is > 0 and < 4096 ? exception.HResult : null;

    /// <summary>strerror(3) in the C library, first letter lowered to read inside a sentence.</summary>
    internal static string Strerror(int errno)
    {
        string text = Marshal.GetPInvokeErrorMessage(errno);
        return text.Length > 1 && char.IsUpper(text[0]) && char.IsLower(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    /// <summary>"not valid JSON at line 3, byte 7" for a syntax error; a document of the wrong shape names the
    /// JSON path instead. Line and byte are 1-based here (the reader counts from 0).</summary>
    private static string Json(JsonException json)
    {
        string where = json.LineNumber is { } line
            ? $"line {line + 1}" + (json.BytePositionInLine is { } position ? $", byte {position + 1}" : "")
            : "";
        if (IsSyntaxError(json))
        {
            return where.Length == 0 ? "not valid JSON" : $"not valid JSON at {where}";
        }

        // aitune's own JsonExceptions ("empty document") carry neither a position nor a path, and their message
        // is English; the serializer's always carry a path.
        if (json.LineNumber is null && string.IsNullOrEmpty(json.Path) && json.GetType() == typeof(JsonException))
        {
            return DisplayText.Excerpt(json.Message);
        }

        string path = string.IsNullOrEmpty(json.Path) ? "" : $" at {DisplayText.Cut(DisplayText.Escape(json.Path), 80)}";
        return $"not the expected JSON document: a value{path} has the wrong type or is missing" + (where.Length == 0 ? "" : $" ({where})");
    }

    /// <summary>The reader's syntax errors are an internal subtype (JsonReaderException), which the serializer wraps
    /// when it meets one; no public property tells them apart from a value of the wrong type.</summary>
    private static bool IsSyntaxError(JsonException json) =>
        json.GetType().Name == "JsonReaderException" || json.InnerException?.GetType().Name == "JsonReaderException";
}
