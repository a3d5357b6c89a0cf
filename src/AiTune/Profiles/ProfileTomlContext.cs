using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Serialization;

namespace AiTune.Profiles;

/// <summary>Source-generated TOML metadata: profiles are read as a plain table, without reflection (NativeAOT).</summary>
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class ProfileTomlContext : TomlSerializerContext
{
    /// <summary>A context whose options name the file (<see cref="TomlSerializerOptions.SourceName"/>), so Tomlyn's
    /// syntax errors read "FILE(line,column)".</summary>
    public ProfileTomlContext(TomlSerializerOptions options)
        : base(options)
    {
    }
}
