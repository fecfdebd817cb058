import JournalFormat
import Dispatch
import Formats
import Time
import Synchronization

import Glibc

/// Where entries go, and the promise that writing one never blocks, hangs or crashes the caller.
///
/// With the journal as target, entries are sent in order on one background queue. A send journald refuses
/// (stopped, restarting, socket gone) puts that entry on stderr instead, counted; the next entry tries the journal
/// again, so writing resumes by itself. A journald that hangs cannot stall the agent either: past `queueLimit`
/// entries waiting, new ones go straight to stderr.
public final class JournalSink: Sendable {
    /// Where entries are written.
    public enum Target: String, Sendable {
        /// The systemd journal, falling back to stderr entry by entry.
        case journal
        /// One readable line per entry on stderr.
        case stderr
    }

    /// What the sink has done, for status lines and tests.
    public struct Statistics: Sendable, Equatable {
        /// Entries journald accepted.
        public var sentToJournal = 0
        /// Entries written to stderr because the journal did not take them (or the queue was full).
        public var fellBackToStderr = 0
        /// Entries written to stderr because stderr is the target.
        public var writtenToStderr = 0
    }

    public let target: Target
    /// `SYSLOG_IDENTIFIER` of every entry.
    public let identifier: String
    /// How many entries may wait for journald before new ones go to stderr.
    public let queueLimit: Int
    private let queue = DispatchQueue(label: "reclaimd.journal")
    /// Entries `write(_:buffered:)` holds for the journal until `flushBuffered()`.
    private let pending = Mutex<[JournalEntry]>([])
    /// Buffered entries handed to the queue at once, at most.
    static let batchSize = 256
    private let waiting = Atomic<Int>(0)
    private let state = Mutex(State())
    private let stderr: LineWriter
    private let send: @Sendable ([[UInt8]]) -> Int32

    private struct State {
        var statistics = Statistics()
        /// The errno of the failure that started the current stretch on stderr, if in one.
        var failure: Int32?
        var fellBackInStretch = 0
    }

    /// - Parameters:
    ///   - send: how an entry reaches journald; the real socket unless a test says otherwise.
    public convenience init(target: Target, identifier: String = "reclaimd", queueLimit: Int = 65_536) {
        self.init(
            target: target, identifier: identifier, queueLimit: queueLimit, stderr: Console.error,
            send: { SystemJournal.send($0) })
    }

    init(
        target: Target, identifier: String, queueLimit: Int, stderr: LineWriter,
        send: @escaping @Sendable ([[UInt8]]) -> Int32
    ) {
        self.target = target
        self.identifier = identifier
        self.queueLimit = queueLimit
        self.stderr = stderr
        self.send = send
    }

    /// Writes an entry; returns at once. With `buffered`, the entry may wait for `flushBuffered()`, which the caller
    /// promises soon (after each batch of events): a batch then takes one write(2) on stderr, or one hand-over to
    /// the journal's queue instead of one per entry.
    public func write(_ entry: JournalEntry, buffered: Bool = false) {
        switch target {
        case .stderr:
            if buffered {
                stderr.appendLine { StderrEntryFormat.append(entry, to: &$0) }
            } else {
                var line: [UInt8] = []
                StderrEntryFormat.append(entry, to: &line)
                line.withUnsafeBytes { stderr.writeLine(bytes: $0) }
            }
            state.withLock { $0.statistics.writtenToStderr += 1 }
        case .journal:
            guard buffered else { return enqueue(takePending(adding: entry)) }
            let full = pending.withLock { pending -> Bool in
                pending.append(entry)
                return pending.count >= Self.batchSize
            }
            if full { flushBuffered() }
        }
    }

    /// Writes out what `write(_:buffered:)` held back.
    public func flushBuffered() {
        switch target {
        case .stderr: stderr.flush()
        case .journal: enqueue(takePending(adding: nil))
        }
    }

    /// The buffered entries and `entry` after them, leaving none buffered.
    private func takePending(adding entry: JournalEntry?) -> [JournalEntry] {
        pending.withLock { pending in
            defer { pending.removeAll(keepingCapacity: true) }
            if let entry { pending.append(entry) }
            return pending
        }
    }

    /// Hands entries to the journal's queue in one block; past `queueLimit` waiting, the rest go to stderr.
    private func enqueue(_ entries: [JournalEntry]) {
        guard !entries.isEmpty else { return }
        let over = max(0, waiting.add(entries.count, ordering: .relaxed).newValue - queueLimit)
        let accepted = entries.count - min(over, entries.count)
        if over > 0 { waiting.subtract(entries.count - accepted, ordering: .relaxed) }
        for entry in entries[accepted...] { fallBack(entry, errno: EAGAIN) }
        guard accepted > 0 else { return }
        queue.async { [self] in
            for entry in entries[..<accepted] { deliver(entry) }
            waiting.subtract(accepted, ordering: .relaxed)
        }
    }

    /// Waits until every entry written so far was delivered, at most `timeout`; false if time ran out.
    @discardableResult
    public func flush(timeout: Duration = .seconds(2)) -> Bool {
        flushBuffered()
        guard target == .journal else { return true }
        let done = DispatchSemaphore(value: 0)
        queue.async { done.signal() }
        let nanos = max(0, timeout.totalNanoseconds)
        return done.wait(timeout: .now() + .nanoseconds(Int(clamping: nanos))) == .success
    }

    /// What was written where so far.
    public var statistics: Statistics {
        state.withLock { $0.statistics }
    }

    private func deliver(_ entry: JournalEntry) {
        let result = send(entry.wireFields(identifier: identifier))
        guard result == 0 else {
            fallBack(entry, errno: -result)
            return
        }
        let resumedAfter: Int? = state.withLock { state in
            state.statistics.sentToJournal += 1
            guard state.failure != nil else { return nil }
            defer { state.failure = nil; state.fellBackInStretch = 0 }
            return state.fellBackInStretch
        }
        if let count = resumedAfter {
            var notice = JournalEntry(
                message: "the journal is taking entries again; \(count) entries went to stderr meanwhile",
                priority: .notice, messageID: .journalResumed)
            notice.add("entries_on_stderr", String(count))
            if send(notice.wireFields(identifier: identifier)) == 0 {
                state.withLock { $0.statistics.sentToJournal += 1 }
            }
        }
    }

    private func fallBack(_ entry: JournalEntry, errno code: Int32) {
        let startsStretch: Bool = state.withLock { state in
            state.statistics.fellBackToStderr += 1
            state.fellBackInStretch += 1
            guard state.failure == nil else { return false }
            state.failure = code
            return true
        }
        if startsStretch {
            let reason = code == EAGAIN ? "too many entries waiting" : String(cString: strerror(code))
            stderr.writeLine(
                StderrEntryFormat.line(
                    JournalEntry(
                        message: "the journal is not taking entries (\(reason)); writing them to stderr until it does",
                        priority: .warning)))
        }
        stderr.writeLine(StderrEntryFormat.line(entry))
    }
}
