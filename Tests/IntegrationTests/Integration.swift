import JournalFormat
import Testing

/// Every integration test, one at a time: they share the machine's journald, restart it, and start dockerds.
@Suite(.serialized)
enum Integration {}
