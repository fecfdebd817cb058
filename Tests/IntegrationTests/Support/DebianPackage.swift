import JournalFormat
import Foundation

/// The .deb that `packaging/build-deb` wrote; scripts/test builds it and passes its path in `RECLAIMD_DEB`.
enum DebianPackage {
    static let name = "reclaimd"

    /// Fails (never skips) when the package was not built: these tests are part of what CI promises.
    static func path() throws -> String {
        guard let path = ProcessInfo.processInfo.environment["RECLAIMD_DEB"], !path.isEmpty else {
            throw TestFailure(
                "RECLAIMD_DEB is not set: scripts/test builds the package with packaging/build-deb and sets it")
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw TestFailure("RECLAIMD_DEB names \(path), which does not exist")
        }
        return path
    }

    /// The package's files unpacked into `directory` (nothing installed, no maintainer script run).
    static func unpack(into directory: String) throws -> String {
        let root = directory + "/unpacked"
        try Shell.succeed("dpkg-deb -x '\(try path())' '\(root)'")
        return root
    }

    /// A field of the package's control file.
    static func field(_ name: String) throws -> String {
        try Shell.succeed("dpkg-deb -f '\(try path())' \(name)").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether dpkg knows the package at all (installed, or removed with its configuration kept).
    static var isKnownToDpkg: Bool {
        (try? Shell.run("dpkg-query -W \(name)"))?.status == 0
    }

    /// Every path under the directories a package may touch, minus the package manager's and journal's own
    /// bookkeeping, to compare the machine before the install with after the purge.
    static func snapshot() throws -> Set<String> {
        let listing = try Shell.succeed("find /etc /usr /var/lib /opt -xdev 2>/dev/null || true")
        let bookkeeping = ["/var/lib/dpkg/", "/var/lib/apt/", "/var/lib/systemd/catalog/", "/etc/ld.so.cache"]
        return Set(
            listing.split(separator: "\n").map(String.init).filter { path in
                !bookkeeping.contains { path.hasPrefix($0) }
            })
    }
}
