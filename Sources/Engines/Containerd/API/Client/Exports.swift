/// The values the client returns (envelopes, payloads, times) are ContainerdMessages' types: whoever imports the
/// client gets them with it.
@_exported import ContainerdMessages
