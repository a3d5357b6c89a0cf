namespace AiTune.Lab.Guest;

/// <summary>The payloads the lab's engine has on its own. The suites' payload is composed in AiTune.Services, which
/// hands LabGuest a dispatcher that falls back to this one.</summary>
public static class BuiltInLabPayloads
{
    public static byte[] Run(LabSettings settings, GuestBoot boot) => settings.Payload switch
    {
        IdentifyPayload.Name => IdentifyPayload.Run(settings, boot),
        _ => throw new AiTuneException($"the lab guest has no payload called '{Text.DisplayText.Excerpt(settings.Payload)}'",
            "the guest's aitune is older or newer than the host's: build the image from the same aitune"),
    };
}
