namespace AiTune.Tuning.Journal;

/// <summary>A last line of the journal that was never made durable: cut off by a crash during its append, or
/// failing its checksum. It is read as a record that was never written (docs/tuning.md says why that is safe for
/// every kind of record), and cut off before the next append.</summary>
/// <param name="IntactBytes">The length of the journal up to and including the last intact line's newline.</param>
/// <param name="Line">The torn line's number.</param>
/// <param name="Reason">What is wrong with it: "the last line is incomplete", "checksum mismatch" …</param>
public sealed record JournalTail(long IntactBytes, int Line, string Reason);
