@testable import PathTrust
import Testing

/// The judgement with made-up owners and modes: no users or files needed.
@Suite("path trust: the judgement")
struct TrustJudgementTests {
    let root = TrustedOwners(user: 0)
    let alice = TrustedOwners(user: 1000)

    func dir(_ path: String, owner: UInt32 = 0, mode: UInt32 = 0o755) -> PathEntry {
        PathEntry(path: path, kind: .directory, owner: owner, mode: mode)
    }

    func file(_ path: String, owner: UInt32 = 0, mode: UInt32 = 0o644) -> PathEntry {
        PathEntry(path: path, kind: .file, owner: owner, mode: mode)
    }

    func problem(
        _ entries: [PathEntry], _ trusted: TrustedOwners, subject: String = "/etc/reclaimd/reclaimd.toml"
    ) -> String? {
        TrustJudgement.fault(in: entries, trusted: trusted).map { entry, reason in
            PathTrustProblem(
                role: "configuration", subject: subject, entry: entry, reason: reason, trusted: trusted,
                ownerName: { $0 == 0 ? "root" : "uid \($0)" }, chownName: trusted.user == 0 ? "root" : "alice"
            ).description
        }
    }

    @Test("the packaged layout: root's directories 0755, the file 0644 (configuration) or 0755 (hook)")
    func packagedLayout() {
        #expect(
            problem([dir("/"), dir("/etc"), dir("/etc/reclaimd"), file("/etc/reclaimd/reclaimd.toml")], root) == nil)
        #expect(
            problem(
                [
                    dir("/"), dir("/usr"), dir("/usr/libexec"), dir("/usr/libexec/reclaimd"),
                    dir("/usr/libexec/reclaimd/hooks"), file("/usr/libexec/reclaimd/hooks/fstrim", mode: 0o755),
                ], root) == nil)
    }

    @Test("a sticky root-owned directory writable by all (/tmp) is accepted, with root's directory and file in it")
    func stickyTmp() {
        #expect(
            problem(
                [dir("/"), dir("/tmp", mode: 0o1777), dir("/tmp/rd-x", mode: 0o700), file("/tmp/rd-x/c.toml")], root)
                == nil)
    }

    @Test("a file writable by others or by its group: refused with its mode and chmod")
    func writableFile() throws {
        let others = try #require(
            problem([dir("/"), dir("/etc"), file("/etc/c.toml", mode: 0o666)], root, subject: "/etc/c.toml"))
        #expect(
            others
                == "configuration /etc/c.toml is not safe: it is writable by group and others (owner root, mode 0666); fix: chmod go-w '/etc/c.toml'"
        )
        let group = try #require(problem([dir("/"), file("/c.toml", mode: 0o664)], root, subject: "/c.toml"))
        #expect(group.contains("writable by its group") && group.contains("chmod g-w '/c.toml'"))
    }

    @Test("a file owned by another user: refused with its owner and chown root")
    func foreignOwner() throws {
        let text = try #require(
            problem([dir("/"), dir("/etc"), file("/etc/c.toml", owner: 1000)], root, subject: "/etc/c.toml"))
        #expect(
            text
                == "configuration /etc/c.toml is not safe: it is owned by uid 1000 (owner uid 1000, mode 0644) and a root agent trusts only root's files; fix: chown root '/etc/c.toml'"
        )
    }

    @Test("a directory on the way writable by others without the sticky bit: refused, naming the directory")
    func writableDirectory() throws {
        let text = try #require(
            problem(
                [dir("/"), dir("/srv", mode: 0o777), dir("/srv/hooks"), file("/srv/hooks/h", mode: 0o755)], root,
                subject: "/srv/hooks/h"))
        #expect(
            text.hasPrefix(
                "configuration /srv/hooks/h: the directory /srv on the way to it is not safe: the directory is writable by group and others (owner root, mode 0777)"
            ))
        #expect(text.contains("fix: chmod go-w '/srv'"))
        #expect(text.contains("chmod +t '/srv'"))
        // Group-writable is no better.
        #expect(problem([dir("/"), dir("/srv", mode: 0o775), file("/srv/h", mode: 0o755)], root) != nil)
    }

    @Test("a sticky directory of another user's, and a symlink another user owns, are refused")
    func stickyButForeign() {
        #expect(problem([dir("/"), dir("/shared", owner: 1000, mode: 0o1777), file("/shared/c.toml")], root) != nil)
        let link = PathEntry(path: "/tmp/link", kind: .symlink, owner: 1000, mode: 0o777)
        let text = problem(
            [dir("/"), dir("/tmp", mode: 0o1777), link, dir("/"), dir("/etc"), file("/etc/c.toml")], root)
        #expect(text?.contains("the symlink /tmp/link on the way to it is not safe: it is owned by uid 1000") == true)
        // A root-owned symlink's own 0777 mode means nothing (Linux ignores it).
        let rootLink = PathEntry(path: "/tmp/link", kind: .symlink, owner: 0, mode: 0o777)
        #expect(
            problem([dir("/"), dir("/tmp", mode: 0o1777), rootLink, dir("/"), dir("/etc"), file("/etc/c.toml")], root)
                == nil)
    }

    @Test("not as root: the running user's own files and root's are trusted, anyone else's are not")
    func notRoot() throws {
        #expect(
            problem(
                [
                    dir("/"), dir("/home"), dir("/home/alice", owner: 1000, mode: 0o700),
                    file("/home/alice/c.toml", owner: 1000),
                ], alice) == nil)
        let foreign = try #require(
            problem(
                [dir("/"), dir("/home"), dir("/home/bob", owner: 1001), file("/home/bob/c.toml", owner: 1001)], alice))
        #expect(
            foreign.contains("owned by uid 1001")
                && foreign.contains(
                    "an agent running as uid 1000 trusts only its own and root's files; fix: chown alice '/home/bob'")
        )
        #expect(
            problem(
                [dir("/"), dir("/home/alice", owner: 1000, mode: 0o1777), file("/home/alice/c.toml", owner: 1000)],
                alice) == nil)
        #expect(
            problem(
                [dir("/"), dir("/home/alice", owner: 1000, mode: 0o777), file("/home/alice/c.toml", owner: 1000)], alice
            ) != nil)
    }

    @Test("modes print as chmod writes them")
    func octal() {
        #expect(PathTrustProblem.octal(0o644) == "0644")
        #expect(PathTrustProblem.octal(0o1777) == "1777")
        #expect(PathTrustProblem.octal(0o7) == "0007")
    }
}
