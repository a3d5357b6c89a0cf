using AiTune.Inspection.Kernel;

namespace AiTune.Tests.Inspection.Kernel;

public sealed class PreemptionModelNamesTests
{
    [Fact]
    public void Every_model_has_its_lower_case_name()
    {
        Assert.All(Enum.GetValues<PreemptionModel>(), m => Assert.Equal(m.ToString().ToLowerInvariant(), PreemptionModelNames.Of(m)));
    }
}
