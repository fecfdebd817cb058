import EngineAdapter
/// The fields of one `GET /events` line that reclaimd reads, as the engine sent them: every one optional, so that
/// any engine's dialect is read, and `EventDecoder` decides what makes an event.
///
/// Both readers fill it: `EventLineParser` (the common shape, no Foundation) and `JSONEventFallback` (everything
/// else, through `JSONDecoder`); the tests check that they agree.
struct EventFields: Equatable {
    var type: String?
    var action: String?
    /// API < 1.22's name of the action.
    var status: String?
    /// API < 1.22's name of the actor's ID. Read only without `Actor.ID`: `EventLineParser` leaves it nil otherwise.
    var id: String?
    /// `Actor.ID`.
    var actorID: String?
    /// `Actor.Attributes`: strings as they are, anything else as its JSON text.
    var attributes: [String: String]?
    var time: Int64?
    var timeNano: Int64?
    var scope: String?
}
