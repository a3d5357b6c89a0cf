namespace AiTune.Knobs;

public enum ExpectationKind
{
    /// <summary>"performance": exactly this value (numbers compare numerically, text after collapsing whitespace).</summary>
    Exact,
    /// <summary>"&gt;=4096": only raise; anything at or above passes.</summary>
    AtLeast,
    /// <summary>"&lt;=10": only lower; anything at or below passes.</summary>
    AtMost,
    /// <summary>"none|mq-deadline": any of these passes; the first one the kernel accepts is the target.</summary>
    AnyOf,
    /// <summary>"&gt;=a" and "&lt;=b" together: what two combined profiles that bound the same knob from both sides
    /// ask (never written in a profile); anything from a to b passes.</summary>
    Between,
}
