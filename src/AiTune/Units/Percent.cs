using System.Globalization;

namespace AiTune.Units;

/// <summary>Shares as people read them: "12.5%", in every culture (the invariant culture's "P" format prints "12.5 %").</summary>
public static class Percent
{
    public static string Format(double share, int decimals = 1) =>
        (share * 100).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%";
}
