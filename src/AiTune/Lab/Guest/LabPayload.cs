namespace AiTune.Lab.Guest;

/// <summary>What the guest runs as its payload: the JSON document (UTF-8) to send back to the host. An exception is
/// sent back as an error document instead.</summary>
public delegate byte[] LabPayload(LabSettings settings, GuestBoot boot);
