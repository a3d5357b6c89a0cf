namespace AiTune.Facts;

/// <summary>The reason a fact is unknown: a kind rules can branch on, and a sentence a person can act on.</summary>
public sealed record UnknownReason(UnknownKind Kind, string Detail)
{
    public override string ToString() => Detail;

    public static UnknownReason Absent(string path) => new(UnknownKind.Absent, $"{path} does not exist");

    public static UnknownReason Malformed(string path, string what) => new(UnknownKind.Malformed, $"{path}: {what}");
}
