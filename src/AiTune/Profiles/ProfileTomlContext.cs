using Tomlyn.Model;
using Tomlyn.Serialization;

namespace AiTune.Profiles;

/// <summary>Source-generated TOML metadata: profiles are read as a plain table, without reflection (NativeAOT).</summary>
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class ProfileTomlContext : TomlSerializerContext
{
}
