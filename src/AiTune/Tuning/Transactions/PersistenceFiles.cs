using AiTune.Inspection.Sysctl;
using AiTune.Knobs;
using AiTune.Tuning.Persistence;
using AiTune.Tuning.Planning;
using AiTune.Knobs.Kinds;

namespace AiTune.Tuning.Transactions;

/// <summary>Sorts applied values into the persistence form each kind's descriptor names
/// (<see cref="KnobKindDescriptor.Persistence"/>): sysctls into sysctl.d, drive queue settings into a udev rule (per
/// drive class, so new drives get them too), other sysfs knobs into tmpfiles.d, kernel parameters into the GRUB
/// drop-in.</summary>
public static class PersistenceFiles
{
    public static PersistencePlan Build(TuningPlan plan, PersistContext context, BootSysctlConfiguration boot)
    {
        var sysctls = new List<(string Key, string Value)>();
        var block = new List<BlockSetting>();
        var sysfs = new List<(string Path, string Value)>();
        // In plan order, whatever order apply met them in: the same profile renders the same files, so a
        // second apply finds nothing to write.
        var order = plan.Changes.Select((c, i) => (c.Knob.Id, c.Subject, i)).ToDictionary(x => (x.Id, x.Subject), x => x.i);
        foreach (var value in context.Applied.DistinctBy(v => (v.Knob.Id, v.Subject)).OrderBy(v => order.GetValueOrDefault((v.Knob.Id, v.Subject), int.MaxValue)))
        {
            switch (KnobKinds.Of(value.Knob).Persistence)
            {
                case PersistenceForm.SysctlDropIn:
                    sysctls.Add((value.Knob.Name, value.Value));
                    break;
                case PersistenceForm.UdevRule:
                    if (!block.Any(b => b.DeviceClass == value.Knob.DeviceClass && b.Attribute == value.Knob.Name))
                    {
                        block.Add(new BlockSetting(value.Knob.DeviceClass!, value.Knob.Name, value.Value));
                    }

                    break;
                case PersistenceForm.GrubDropIn:
                    // Kernel parameters reach the GRUB drop-in from the plan's pending reboots below.
                    break;
                case PersistenceForm.Tmpfiles:
                    if (value.Location is { } location)
                    {
                        sysfs.Add((location.Path, location.ToFile(value.Value)));
                    }

                    break;
            }
        }

        var parameters = plan.PendingReboot
            .Select(c => c.Target!.Split('=', 2))
            .Select(p => (p[0], p.Length > 1 ? p[1] : ""))
            .ToList();
        var request = new PersistenceRequest(plan.Profile, context.AppliedAt, context.User, sysctls, block, sysfs, parameters)
        {
            OwnedFiles = context.OwnedFiles,
        };
        return PersistencePlan.Build(request, boot);
    }
}
