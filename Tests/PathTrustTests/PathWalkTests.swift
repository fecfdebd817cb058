import Glibc
@testable import PathTrust
import Testing

/// The walk on real files: every directory on the way, symlinks followed to their targets.
@Suite("path trust: the walk")
struct PathWalkTests {
    /// A fresh directory under /tmp, removed by the caller.
    func scratch() throws -> String {
        var template = Array("/tmp/rdpt-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
        let path = try #require(made.map { String(cString: $0) })
        return path
    }

    func remove(_ path: String) {
        _ = system("rm -rf '\(path)'")
    }

    func touch(_ path: String, mode: mode_t = 0o644) throws {
        let descriptor = open(path, O_CREAT | O_WRONLY, mode)
        try #require(descriptor >= 0)
        close(descriptor)
        chmod(path, mode)
    }

    @Test("a plain path: /, each directory, the file, in order")
    func plain() throws {
        let base = try scratch()
        defer { remove(base) }
        try touch(base + "/c.toml")
        let entries = try PathWalk.entries(of: base + "/c.toml").get()
        #expect(entries.map(\.path) == ["/", "/tmp", base, base + "/c.toml"])
        #expect(entries.map(\.kind) == [.directory, .directory, .directory, .file])
        #expect(entries[1].mode & 0o1000 != 0, "/tmp is sticky")
        #expect(entries[3].mode == 0o644)
    }

    @Test("a symlink: recorded, then its target's way from / (absolute) or from its directory (relative)")
    func symlinks() throws {
        let base = try scratch()
        defer { remove(base) }
        mkdir(base + "/real", 0o755)
        try touch(base + "/real/h", mode: 0o755)
        symlink(base + "/real/h", base + "/absolute")
        symlink("real/h", base + "/relative")
        let absolute = try PathWalk.entries(of: base + "/absolute").get()
        #expect(
            absolute.map(\.path) == [
                "/", "/tmp", base, base + "/absolute", "/tmp", base, base + "/real", base + "/real/h",
            ])
        #expect(absolute[3].kind == .symlink)
        let relative = try PathWalk.entries(of: base + "/relative").get()
        #expect(relative.map(\.path) == ["/", "/tmp", base, base + "/relative", base + "/real", base + "/real/h"])
    }

    @Test("a symlinked directory on the way, and .. after it, go where the kernel goes")
    func symlinkedDirectory() throws {
        let base = try scratch()
        defer { remove(base) }
        mkdir(base + "/a", 0o755)
        mkdir(base + "/a/b", 0o755)
        try touch(base + "/a/f")
        symlink(base + "/a/b", base + "/link")
        let entries = try PathWalk.entries(of: base + "/link/../f").get()
        #expect(entries.last?.path == base + "/a/f")
        #expect(entries.contains { $0.path == base + "/a/b" })
    }

    @Test("a missing component and a symlink loop fail with what went wrong")
    func failures() throws {
        let base = try scratch()
        defer { remove(base) }
        if case .failure(let failure) = PathWalk.entries(of: base + "/missing/x") {
            #expect(failure.message == base + "/missing: No such file or directory")
        } else {
            Issue.record("a missing path walked")
        }
        symlink(base + "/loop", base + "/loop")
        if case .failure(let failure) = PathWalk.entries(of: base + "/loop") {
            #expect(failure.message.contains("more than 40 symlinks"))
        } else {
            Issue.record("a symlink loop walked")
        }
    }

    @Test("PathTrust on real files: a 0777 directory on the way and a 0666 file are refused, /tmp is not")
    func realFiles() throws {
        let base = try scratch()
        defer { remove(base) }
        try touch(base + "/ok.toml")
        #expect(PathTrust.problem(with: base + "/ok.toml", role: "configuration") == nil)
        try touch(base + "/open.toml", mode: 0o666)
        let open = try #require(PathTrust.problem(with: base + "/open.toml", role: "configuration"))
        #expect(open.description.contains("mode 0666") && open.description.contains("chmod go-w '\(base)/open.toml'"))
        mkdir(base + "/shared", 0o777)
        chmod(base + "/shared", 0o777)
        try touch(base + "/shared/h", mode: 0o755)
        symlink(base + "/shared/h", base + "/via")
        let via = try #require(PathTrust.problem(with: base + "/via", role: "hook"))
        #expect(via.entry?.path == base + "/shared" && via.reason == .writableDirectory, "\(via)")
        #expect(PathTrust.problem(with: base + "/shared", role: "state directory", ownerOnlyAtEnd: true) == nil)
    }
}
