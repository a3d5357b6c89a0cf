namespace AiTune.Services.Transactions;

/// <summary>Who applies, and the transaction's policy.</summary>
/// <param name="User">Who runs aitune, for the journal ("alice via sudo").</param>
/// <param name="Uid">The effective user id, for the journal.</param>
/// <param name="KeepGoing">Keep what worked when a knob fails (default: roll the whole apply back).</param>
/// <param name="Persist">Also write the boot-time files (sysctl.d, udev rule, tmpfiles.d, GRUB drop-in).</param>
public sealed record ApplySettings(string User, int Uid, bool KeepGoing, bool Persist);
