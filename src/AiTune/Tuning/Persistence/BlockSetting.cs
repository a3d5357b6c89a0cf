namespace AiTune.Tuning.Persistence;

/// <summary>One queue attribute of every drive of a class, as applied.</summary>
/// <param name="DeviceClass">nvme, ssd or hdd (<see cref="Knobs.Knob.DeviceClasses"/>).</param>
/// <param name="Attribute">scheduler, read_ahead_kb, nr_requests or max_sectors_kb (<see cref="Knobs.KnobReader.BlockNames"/>).</param>
/// <param name="Value">"none", "4096".</param>
public sealed record BlockSetting(string DeviceClass, string Attribute, string Value);
