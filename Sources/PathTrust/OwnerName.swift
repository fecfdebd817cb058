import Glibc

/// A uid as messages write it: `root`, `alice (uid 1000)`, or `uid 4242` when no user has it.
public enum OwnerName {
    public static func of(_ uid: UInt32) -> String {
        if uid == 0 { return "root" }
        return login(uid).map { "\($0) (uid \(uid))" } ?? "uid \(uid)"
    }

    /// What `chown` takes: the login name, else the number.
    public static func forChown(_ uid: UInt32) -> String {
        login(uid) ?? String(uid)
    }

    private static func login(_ uid: UInt32) -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name
        else {
            return nil
        }
        return String(cString: name)
    }
}
