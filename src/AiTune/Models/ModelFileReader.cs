using AiTune.Files;
using AiTune.Interop;
using AiTune.Models.Gguf;
using AiTune.Models.Safetensors;
using AiTune.Text;

namespace AiTune.Models;

/// <summary>
/// Reads the header of a safetensors or GGUF weight file and checks it against the file: every tensor must lie inside
/// the file, and the format's own rules must hold. Only the header is read; tensor data is never touched.
/// </summary>
public static class ModelFileReader
{
    private static ReadOnlySpan<byte> GgufMagic => "GGUF"u8;

    /// <summary>
    /// Reads the model file at <paramref name="path"/>. Throws <see cref="AiTuneException"/>, naming the file and the
    /// problem, when the file cannot be read or is not a valid safetensors or GGUF file; never anything else.
    /// </summary>
    public static ModelFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string shownPath = DisplayText.FilePath(path);
        if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal))
        {
            throw InvalidModelFile.Unreadable(shownPath, "is not a valid file path");
        }

        try
        {
            RequireRegularFile(path, shownPath);
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            return Detect(stream, path, shownPath) switch
            {
                ModelFormat.Gguf => GgufReader.Read(stream, path, shownPath),
                _ => SafetensorsReader.Read(stream, path, shownPath),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw FileErrors.Reading(path, e, InvalidModelFile.AccessHint);
        }
    }

    /// <summary>
    /// Refuses anything but a regular file (after following links, as model caches link to blobs): opening a FIFO
    /// blocks until a writer appears, and a device has no end.
    /// </summary>
    private static void RequireRegularFile(string path, string shownPath)
    {
        var info = new FileInfo(path);
        string target = info.LinkTarget is null ? path : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        int type = LinuxFileStatus.LstatType(target);
        switch (type)
        {
            case -LinuxFileStatus.ENOENT or -LinuxFileStatus.ENOTDIR:
                throw InvalidModelFile.Unreadable(shownPath, "no such file");
            case -LinuxFileStatus.EACCES or -LinuxFileStatus.EPERM:
                throw new AiTuneException($"permission denied reading {shownPath}", FileErrors.PermissionHint);
            case < 0:
                throw InvalidModelFile.Unreadable(shownPath, $"cannot examine the file (errno {-type})");
            case LinuxFileStatus.TypeDirectory:
                throw InvalidModelFile.Unreadable(shownPath, "is a directory, not a model file");
            case not LinuxFileStatus.TypeRegular:
                throw InvalidModelFile.Unreadable(shownPath, "is not a regular file");
        }
    }

    /// <summary>
    /// GGUF starts with its magic; safetensors has no magic, but its JSON header must start with '{' right after the
    /// 8-byte length. Failing both, the file's extension picks the reader whose error will explain the problem best.
    /// </summary>
    private static ModelFormat Detect(FileStream stream, string path, string shownPath)
    {
        long length = stream.Length;
        if (length == 0)
        {
            throw InvalidModelFile.Unrecognised(shownPath, "the file is empty (0 bytes)");
        }

        Span<byte> head = stackalloc byte[9];
        int got = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (got >= 4 && head[..4].SequenceEqual(GgufMagic))
        {
            return ModelFormat.Gguf;
        }

        if (got >= 9 && head[8] == (byte)'{')
        {
            return ModelFormat.Safetensors;
        }

        string extension = Path.GetExtension(path);
        if (extension.Equals(".gguf", StringComparison.OrdinalIgnoreCase))
        {
            return ModelFormat.Gguf;
        }

        if (extension.Equals(".safetensors", StringComparison.OrdinalIgnoreCase))
        {
            return ModelFormat.Safetensors;
        }

        if (length < 9)
        {
            throw InvalidModelFile.Unrecognised(shownPath, $"the file is only {length} bytes, too short to be a safetensors or GGUF file");
        }

        string start = Convert.ToHexString(head[..8]).ToLowerInvariant();
        throw InvalidModelFile.Unrecognised(shownPath, $"not a safetensors or GGUF file (it starts with the bytes {start})");
    }
}
