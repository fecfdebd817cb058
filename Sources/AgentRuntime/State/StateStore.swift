#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Formats
import Time
import AgentCore
import SystemIO

import Glibc

/// `STATE_DIR/state.json`: the one place the agent's state lives on disk.
///
/// Written atomically (a temporary file, fsync, rename, fsync of the directory), the file 0600 and the directory
/// 0700. A file that cannot be read as our state (corrupt, truncated, another version) is moved aside to
/// `state.json.corrupt-<time>` and the agent starts fresh: never a crash loop.
public struct StateStore: Sendable {
    public let directory: String
    public var path: String { directory + "/state.json" }

    public init(directory: String) {
        self.directory = directory
    }

    /// What loading found.
    public typealias Loaded = LoadedState

    /// Reads the state, creating the directory (0700) when missing.
    public func load(now: Timestamp = .now()) throws(StateError) -> Loaded {
        try ensureDirectory()
        let bytes: [UInt8]
        switch WholeFile.read(path) {
        case .success(let read): bytes = read
        case .failure(let failure) where failure.isMissing: return .fresh
        case .failure(let failure): throw StateError(message: "cannot read \(path): \(failure)")
        }
        let reason: String
        do {
            let state = try JSONDecoder().decode(AgentState.self, from: Data(bytes))
            if AgentState.readableVersions.contains(state.version) { return .restored(state) }
            reason =
                "version \(state.version) is not one this reclaimd reads (\(AgentState.readableVersions.lowerBound) to \(AgentState.readableVersions.upperBound))"
        } catch {
            reason = bytes.isEmpty ? "the file is empty" : "it is not reclaimd state JSON"
        }
        let aside = "\(path).corrupt-\(now.rfc3339)"
        guard rename(path, aside) == 0 else {
            throw StateError(
                message:
                    "\(path) is unusable (\(reason)) and cannot be moved aside: \(String(cString: strerror(errno)))")
        }
        return .setAside(movedTo: aside, reason: reason)
    }

    /// Writes the state atomically.
    public func save(_ state: AgentState) throws(StateError) {
        var state = state
        state.version = AgentState.currentVersion
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(state)
        } catch {
            throw StateError(message: "cannot encode the state: \(error)")
        }
        do {
            try AtomicFile.write([UInt8](data), to: path, mode: 0o600)
        } catch {
            throw StateError(message: error.description)
        }
    }

    private func ensureDirectory() throws(StateError) {
        if mkdir(directory, 0o700) != 0, errno != EEXIST {
            throw StateError(
                message: "cannot create the state directory \(directory): \(String(cString: strerror(errno)))")
        }
        if let untrusted = StateDirectoryTrust.problem(directory) { throw StateError(message: untrusted) }
        chmod(directory, 0o700)
    }
}

/// The state could not be read or written.
public struct StateError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
