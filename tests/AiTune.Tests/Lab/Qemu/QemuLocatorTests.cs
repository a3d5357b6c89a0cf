using AiTune.Lab.Qemu;

namespace AiTune.Tests.Lab.Qemu;

public class QemuLocatorTests
{
    [Theory]
    [InlineData("QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)\nCopyright (c) 2003-2022", "7.2.22")]
    [InlineData("QEMU emulator version 8.2.2 (Debian 1:8.2.2+ds-0ubuntu1)", "8.2.2")]
    [InlineData("QEMU emulator version 9.1.50 (v9.1.0-1234-gabc)", "9.1.50")]
    [InlineData("QEMU emulator version 2.12", "2.12")]
    public void Reads_the_version_line(string output, string expected)
    {
        Assert.Equal(Version.Parse(expected), QemuLocator.ParseVersion(output));
    }

    [Fact]
    public void Text_without_a_version_is_none()
    {
        Assert.Null(QemuLocator.ParseVersion("bash: qemu: command not found"));
    }

    [Fact]
    public void A_missing_emulator_names_the_package_to_install()
    {
        var error = Assert.Throws<AiTuneException>(() => QemuLocator.Find(QemuTarget.X64, "/nonexistent:relative/dir"));

        Assert.Equal("qemu-system-x86_64 is not on PATH: the kernel lab boots kernels in QEMU", error.Message);
        Assert.Contains("apt-get install --no-install-recommends qemu-system-x86", error.Hint);
    }

    [Fact]
    public void An_emulator_older_than_the_command_line_needs_is_refused()
    {
        using var directory = LabWorkDirectory.Create();
        string fake = directory.File("qemu-system-x86_64");
        File.WriteAllText(fake, "#!/bin/sh\necho 'QEMU emulator version 2.11.1(Debian 1:2.11+dfsg-1ubuntu7)'\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        var error = Assert.Throws<AiTuneException>(() => QemuLocator.Find(QemuTarget.X64, directory.Path));

        Assert.Contains("is QEMU 2.11.1; the lab needs 2.12 or newer", error.Message);
        Assert.Contains("qemu-system-x86", error.Hint);
    }

    [Fact]
    public void An_emulator_on_the_path_is_found_with_its_version()
    {
        using var directory = LabWorkDirectory.Create();
        string fake = directory.File("qemu-system-x86_64");
        File.WriteAllText(fake, "#!/bin/sh\n[ \"$1\" = --version ] && echo 'QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)'\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        var qemu = QemuLocator.Find(QemuTarget.X64, "/nonexistent:" + directory.Path);

        Assert.Equal(new QemuBinary(fake, new Version(7, 2, 22), QemuTarget.X64), qemu);
    }
}
