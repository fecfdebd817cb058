/// Which connections hold a listener's places, in the order they came, and whether each has sent its whole
/// request. Pure: keys are whatever names a connection (its channel's identity in the gate).
///
/// When every place is taken, a new client takes the place of the oldest one still sending its request, not of
/// one being answered: a client holding half-sent requests cannot keep a real scrape out (issue 23), and one
/// being answered is done within a moment. Only when every place is being answered is the new client refused.
struct AdmissionBook<Key: Hashable & Sendable>: Sendable {
    enum Admission: Equatable {
        case admitted
        /// Admitted in the place of `Key`, which the caller closes.
        case admittedInPlaceOf(Key)
        case refused
    }

    let places: Int
    private var holders: [Key: (order: Int, complete: Bool)] = [:]
    private var next = 0

    init(places: Int) {
        self.places = places
    }

    var count: Int { holders.count }

    mutating func admit(_ key: Key) -> Admission {
        next += 1
        if holders.count < places {
            holders[key] = (next, false)
            return .admitted
        }
        guard let oldest = holders.filter({ !$0.value.complete }).min(by: { $0.value.order < $1.value.order })?.key
        else {
            return .refused
        }
        holders[oldest] = nil
        holders[key] = (next, false)
        return .admittedInPlaceOf(oldest)
    }

    /// The connection sent its whole request: it is being answered, and keeps its place until it closes.
    mutating func complete(_ key: Key) {
        holders[key]?.complete = true
    }

    mutating func release(_ key: Key) {
        holders[key] = nil
    }
}
