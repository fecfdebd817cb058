import Synchronization

/// Set by the first envelope a test's event subscription receives: the subscription is in place from then on.
final class SubscribedFlag: Sendable {
    let value = Atomic<Bool>(false)
}
