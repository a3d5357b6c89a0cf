using AiTune.Lab.Qemu;

namespace AiTune.Tests.Lab.Qemu;

public class AcceleratorChoiceTests
{
    private static readonly KvmAvailability Missing = new(false, "/dev/kvm does not exist", "use --accel tcg");

    [Theory]
    [InlineData(AcceleratorRequest.Auto, true, Accelerator.Kvm)]
    [InlineData(AcceleratorRequest.Auto, false, Accelerator.Tcg)]
    [InlineData(AcceleratorRequest.Tcg, true, Accelerator.Tcg)]
    [InlineData(AcceleratorRequest.Kvm, true, Accelerator.Kvm)]
    public void The_time_measure_takes_kvm_when_usable(AcceleratorRequest request, bool usable, Accelerator expected)
    {
        Assert.Equal(expected, KvmProbe.Choose(request, LabMeasure.Time, usable ? KvmAvailability.Available : Missing));
    }

    [Fact]
    public void Asking_for_kvm_where_it_is_unusable_says_why()
    {
        var error = Assert.Throws<AiTuneException>(() => KvmProbe.Choose(AcceleratorRequest.Kvm, LabMeasure.Time, Missing));

        Assert.Equal("--accel kvm, but KVM is not usable: /dev/kvm does not exist", error.Message);
        Assert.Equal("use --accel tcg", error.Hint);
    }

    [Fact]
    public void The_instructions_measure_is_tcg_even_where_kvm_works()
    {
        Assert.Equal(Accelerator.Tcg, KvmProbe.Choose(AcceleratorRequest.Auto, LabMeasure.Instructions, KvmAvailability.Available));
        Assert.Throws<AiTuneException>(() => KvmProbe.Choose(AcceleratorRequest.Kvm, LabMeasure.Instructions, KvmAvailability.Available));
    }

    [Fact]
    public void A_missing_device_is_absent()
    {
        var kvm = KvmProbe.Probe("/nonexistent/kvm");

        Assert.False(kvm.Usable);
        Assert.Contains("does not exist", kvm.Reason);
    }

    [Fact]
    public void A_device_that_is_not_kvm_is_the_wrong_api()
    {
        // /dev/null opens read-write and answers the ioctl with ENOTTY.
        var kvm = KvmProbe.Probe("/dev/null");

        Assert.False(kvm.Usable);
        Assert.Contains("KVM_GET_API_VERSION", kvm.Reason);
    }

    [Fact]
    public void This_machine_is_judged_without_throwing()
    {
        var kvm = KvmProbe.Probe();

        Assert.Equal(kvm.Usable, kvm.Reason is null);
    }
}
