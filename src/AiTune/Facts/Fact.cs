using System.Diagnostics.CodeAnalysis;

namespace AiTune.Facts;

/// <summary>
/// A value read from the host, or the reason it could not be read. A fact is never silently defaulted:
/// <c>default(Fact&lt;T&gt;)</c> is unknown ("not read"), so a forgotten assignment shows up as unknown, not as 0.
/// </summary>
public readonly struct Fact<T> : IEquatable<Fact<T>>
{
    private static readonly UnknownReason NotRead = new(UnknownKind.Unreadable, "not read");

    private readonly T? value;
    private readonly UnknownReason? unknown;
    private readonly bool isKnown;

    private Fact(T value)
    {
        this.value = value;
        isKnown = true;
        unknown = null;
    }

    private Fact(UnknownReason reason)
    {
        value = default;
        isKnown = false;
        unknown = reason;
    }

    public static Fact<T> Known(T value) => new(value);

    public static Fact<T> Unknown(UnknownReason reason) => new(reason);

    public static implicit operator Fact<T>(T value) => new(value);

    [MemberNotNullWhen(true, nameof(ValueOrDefault))]
    public bool IsKnown => isKnown;

    /// <summary>The value; throws when unknown, so check <see cref="IsKnown"/> or use <see cref="TryGet"/>.</summary>
    public T Value => isKnown ? value! : throw new InvalidOperationException($"fact is unknown: {Reason}");

    public T? ValueOrDefault => value;

    /// <summary>Why the fact is unknown; null when it is known.</summary>
    public UnknownReason? Reason => isKnown ? null : unknown ?? NotRead;

    public bool TryGet([MaybeNullWhen(false)] out T result)
    {
        result = value;
        return isKnown;
    }

    public T GetValueOrDefault(T fallback) => isKnown ? value! : fallback;

    /// <summary>Transforms a known value; an unknown stays unknown with the same reason.</summary>
    public Fact<TOut> Map<TOut>(Func<T, TOut> map) => isKnown ? Fact<TOut>.Known(map(value!)) : Fact<TOut>.Unknown(Reason!);

    /// <summary>Transforms a known value with a step that may itself fail.</summary>
    public Fact<TOut> Bind<TOut>(Func<T, Fact<TOut>> map) => isKnown ? map(value!) : Fact<TOut>.Unknown(Reason!);

    public bool Equals(Fact<T> other) =>
        isKnown == other.isKnown && (isKnown ? EqualityComparer<T>.Default.Equals(value, other.value) : Equals(Reason, other.Reason));

    public override bool Equals(object? obj) => obj is Fact<T> other && Equals(other);

    public override int GetHashCode() => isKnown ? HashCode.Combine(true, value) : HashCode.Combine(false, Reason);

    public static bool operator ==(Fact<T> left, Fact<T> right) => left.Equals(right);

    public static bool operator !=(Fact<T> left, Fact<T> right) => !left.Equals(right);

    public override string ToString() => isKnown ? value?.ToString() ?? "" : $"unknown ({Reason})";
}

/// <summary>Shorthands for building facts.</summary>
public static class Fact
{
    public static Fact<T> Known<T>(T value) => Fact<T>.Known(value);

    public static Fact<T> Unknown<T>(UnknownReason reason) => Fact<T>.Unknown(reason);

    public static Fact<T> Unknown<T>(UnknownKind kind, string detail) => Fact<T>.Unknown(new UnknownReason(kind, detail));
}
