namespace AiTune.Knobs.Kinds;

/// <summary>The TuneD plugin option that sets what a knob sets (tuned/plugins/plugin_*.py): "[sysctl] vm.swappiness = 10".</summary>
/// <param name="Plugin">The plugin's section: sysctl, vm, cpu, disk, scheduler, sysfs, bootloader.</param>
/// <param name="Option">The option's name in that section: a sysctl key, "transparent_hugepages", "elevator", a sysfs path, "cmdline".</param>
/// <param name="Value">The option's value for the knob's value ("always"; "hugepagesz=2M hugepages=512" for the cmdline).</param>
/// <param name="Dedicated">A plugin's own option for the setting, the kind TuneD profiles use; false for the
/// catch-alls ([sysfs] paths, [bootloader] cmdline), which a profile rarely uses for these, so coexistence does not
/// warn about them.</param>
public sealed record TunedOption(string Plugin, string Option, string Value, bool Dedicated)
{
    public override string ToString() => $"[{Plugin}] {Option} = {Value}";
}
