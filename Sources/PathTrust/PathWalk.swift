import Glibc

/// The I/O half: every entry on the way to a path, as `lstat` sees each, symlinks followed to their targets.
///
/// Walks component by component from `/` (a relative path from the working directory). A symlink is recorded
/// (its owner matters), then its target's components take its place: an absolute target starts again at `/`
/// (already judged, so not listed twice),
/// a relative one goes on from the symlink's directory. So every directory the kernel passes through to reach
/// the file is in the list, once per time it is reached, and the last entry is the file itself.
public enum PathWalk {
    /// At most this many symlinks, as the kernel's own limit (`ELOOP`).
    static let maximumSymlinks = 40

    /// What went wrong walking a path: a component missing or unreadable, or too many symlinks.
    public struct Failure: Error, Sendable, Equatable {
        public var message: String
    }

    public static func entries(of path: String) -> Result<[PathEntry], Failure> {
        var pending = components(path)
        if !path.hasPrefix("/") {
            guard let directory = workingDirectory() else {
                return .failure(Failure(message: "cannot read the working directory"))
            }
            pending = components(directory) + pending
        }
        var current: [String] = []
        guard let root = entry("/") else { return .failure(failure("/")) }
        var entries = [root]
        var followed = 0
        while !pending.isEmpty {
            let component = pending.removeFirst()
            if component == "." { continue }
            if component == ".." {
                // The parent was reached (and recorded) on the way here.
                if !current.isEmpty { current.removeLast() }
                continue
            }
            let candidate = "/" + (current + [component]).joined(separator: "/")
            guard let found = entry(candidate) else { return .failure(failure(candidate)) }
            entries.append(found)
            guard found.kind == .symlink else {
                current.append(component)
                continue
            }
            followed += 1
            guard followed <= maximumSymlinks, let target = linkTarget(candidate) else {
                return .failure(
                    Failure(
                        message: followed > maximumSymlinks
                            ? "more than \(maximumSymlinks) symlinks on the way (a loop?)"
                            : "cannot read the symlink \(candidate)"))
            }
            if target.hasPrefix("/") { current = [] }
            pending = components(target) + pending
        }
        return .success(entries)
    }

    static func components(_ path: String) -> [String] {
        path.split(separator: "/").map(String.init)
    }

    private static func entry(_ path: String) -> PathEntry? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        let type = info.st_mode & S_IFMT
        let kind: PathEntry.Kind = type == S_IFDIR ? .directory : type == S_IFLNK ? .symlink : .file
        return PathEntry(path: path, kind: kind, owner: info.st_uid, mode: UInt32(info.st_mode))
    }

    private static func failure(_ path: String) -> Failure {
        Failure(message: "\(path): \(String(cString: strerror(errno)))")
    }

    private static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(path, &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func workingDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
