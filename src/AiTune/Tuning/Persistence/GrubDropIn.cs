using System.Text;
using AiTune.Knobs.Persistence;

namespace AiTune.Tuning.Persistence;

/// <summary>aitune's GRUB drop-in: a POSIX shell fragment that grub-mkconfig sources after /etc/default/grub,
/// appending the kernel parameters to GRUB_CMDLINE_LINUX_DEFAULT. It is shell run as root, so names and values are
/// allow-listed to characters that mean nothing inside double quotes: no '$', backquote, quote, backslash, space.</summary>
public static class GrubDropIn
{
    /// <summary>The fragment. Parameters keep their order: the kernel reads them left to right, and some depend on
    /// it (hugepagesz= must come before the hugepages= it sizes). An empty value renders the name bare ("nosmt").</summary>
    /// <exception cref="AiTuneException">A name that is not letters, digits, '_', '.', '-' (or starts with '-':
    /// "--" ends the kernel's parameters), or a value outside [A-Za-z0-9_.,:=+-].</exception>
    public static RenderedFile Render(string profile, IReadOnlyList<(string Name, string Value)> parameters)
    {
        var rendered = new List<string>(parameters.Count);
        foreach (var (name, value) in parameters)
        {
            PersistenceInput.RequireCharacters(name, "the kernel parameter name", c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-',
                "letters, digits, '_', '.' and '-'");
            if (name[0] == '-')
            {
                throw PersistenceInput.Refused("the kernel parameter name", name, "it starts with '-'", "a name that starts with a letter, digit or '_'");
            }

            if (value.Length > 0)
            {
                PersistenceInput.RequireCharacters(value, $"the value of kernel parameter {name}",
                    c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ',' or ':' or '=' or '+' or '-', "letters, digits and \"_.,:=+-\"");
            }

            rendered.Add(value.Length > 0 ? $"{name}={value}" : name);
        }

        var content = new StringBuilder(PersistenceInput.Header(profile))
            .Append("# Takes effect at the next boot once grub.cfg is regenerated: run update-grub ")
            .Append("(grub2-mkconfig -o /boot/grub2/grub.cfg on Fedora/RHEL), then reboot.\n")
            .Append("GRUB_CMDLINE_LINUX_DEFAULT=\"$GRUB_CMDLINE_LINUX_DEFAULT ").Append(string.Join(' ', rendered)).Append("\"\n");
        return new RenderedFile(PersistencePaths.Grub, content.ToString());
    }
}
