import Glibc
import PathTrust

/// The state directory must be the agent's own (root's for a root agent), reached through directories only
/// root (or the running user) controls: another user's directory could hand the agent a forged state (cursor,
/// pending batches, process groups it would signal) or take the status socket's place.
enum StateDirectoryTrust {
    /// What is wrong, or nil. The directory's own mode is not judged: the agent sets it to 0700 itself.
    static func problem(_ directory: String) -> String? {
        if let problem = PathTrust.problem(with: directory, role: "state directory", ownerOnlyAtEnd: true) {
            return problem.description
        }
        var info = stat()
        guard stat(directory, &info) == 0 else { return nil }
        guard info.st_uid == geteuid() else {
            return
                "state directory \(directory) is not safe: it is owned by \(OwnerName.of(info.st_uid)), not by the agent's user \(OwnerName.of(geteuid())); fix: chown \(OwnerName.forChown(geteuid())) '\(directory)'"
        }
        return nil
    }
}
