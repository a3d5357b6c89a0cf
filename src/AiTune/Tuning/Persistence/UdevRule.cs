using System.Text;
using AiTune.Knobs;
using AiTune.Knobs.Persistence;

namespace AiTune.Tuning.Persistence;

/// <summary>aitune's udev rule: one line per drive class that writes the queue attributes whenever a disk of
/// that class appears or changes (udev(7): <c>==</c> matches, <c>=</c> assigns, <c>ATTR{file}</c> is a sysfs
/// attribute of the device, '|' separates alternative patterns).</summary>
public static class UdevRule
{
    /// <summary>The order udev writes a rule's attributes in, which is the order of its keys. Switching the
    /// scheduler resets nr_requests (blk_mq_init_sched sets it from the tag set's depth), so the scheduler goes
    /// first. Writing max_sectors_kb commits new queue limits, and on kernels whose limit updates go through
    /// queue_limits_commit_update that recomputes read-ahead (blk_apply_bdi_limits), so read_ahead_kb goes last.</summary>
    private static readonly string[] AttributeOrder = ["scheduler", "nr_requests", "max_sectors_kb", "read_ahead_kb"];

    /// <summary>The same disks <see cref="KnobReader.DeviceClassOf"/> puts in each class: NVMe namespaces (nvmeXnY,
    /// and nvmeXcYnZ under native multipath), and SCSI/SATA, virtio and Xen disks split by queue/rotational.
    /// DEVTYPE "disk" leaves partitions out, which have no queue of their own.</summary>
    private static readonly IReadOnlyDictionary<string, string> ClassMatch = new Dictionary<string, string>
    {
        ["nvme"] = "KERNEL==\"nvme[0-9]*n[0-9]*\"",
        ["ssd"] = "KERNEL==\"sd*|vd*|xvd*\", ATTR{queue/rotational}==\"0\"",
        ["hdd"] = "KERNEL==\"sd*|vd*|xvd*\", ATTR{queue/rotational}==\"1\"",
    };

    private const string EventMatch = "ACTION==\"add|change\", SUBSYSTEM==\"block\", ENV{DEVTYPE}==\"disk\"";

    /// <summary>The rule file: a header, then one rule per device class that has settings, in the order nvme,
    /// ssd, hdd.</summary>
    /// <exception cref="AiTuneException">An unknown class or attribute, an attribute given twice for a class, or a
    /// value outside [A-Za-z0-9_+-] (a quote would end the rule's string, '%' and '$' are udev substitutions).</exception>
    public static RenderedFile Render(string profile, IReadOnlyList<BlockSetting> settings)
    {
        Validate(settings);
        var content = new StringBuilder(PersistenceInput.Header(profile));
        foreach (var deviceClass in Knob.DeviceClasses)
        {
            var ofClass = settings.Where(s => s.DeviceClass == deviceClass)
                .OrderBy(s => Array.IndexOf(AttributeOrder, s.Attribute)).ToList();
            if (ofClass.Count == 0)
            {
                continue;
            }

            content.Append(EventMatch).Append(", ").Append(ClassMatch[deviceClass]);
            foreach (var setting in ofClass)
            {
                content.Append(", ATTR{queue/").Append(setting.Attribute).Append("}=\"").Append(setting.Value).Append('"');
            }

            content.Append('\n');
        }

        return new RenderedFile(PersistencePaths.UdevRule, content.ToString());
    }

    private static void Validate(IReadOnlyList<BlockSetting> settings)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var setting in settings)
        {
            if (!Knob.DeviceClasses.Contains(setting.DeviceClass))
            {
                throw PersistenceInput.Refused("the device class", setting.DeviceClass, "not a device class",
                    $"the classes {string.Join(", ", Knob.DeviceClasses)}");
            }

            if (!AttributeOrder.Contains(setting.Attribute))
            {
                throw PersistenceInput.Refused("the queue attribute", setting.Attribute, "not a queue attribute aitune sets",
                    $"the attributes {string.Join(", ", AttributeOrder)}");
            }

            if (!seen.Add((setting.DeviceClass, setting.Attribute)))
            {
                throw new AiTuneException($"cannot persist block.{setting.DeviceClass}:{setting.Attribute}: it is given twice",
                    "give each attribute of a device class one value");
            }

            PersistenceInput.RequireCharacters(setting.Value, $"the value of block.{setting.DeviceClass}:{setting.Attribute}",
                c => char.IsAsciiLetterOrDigit(c) || c is '_' or '+' or '-', "letters, digits, '_', '+' and '-'");
        }
    }
}
