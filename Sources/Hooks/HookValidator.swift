import Glibc

/// Refuses hook files that anyone but their trusted owner could change, as cron and sudo do.
public enum HookValidator {
    /// What is wrong with the hook at `path`, or nil when it may run.
    ///
    /// A hook must exist, be a regular file, be executable, not be writable by group or others, and, when the
    /// agent runs as root, be owned by root.
    public static func problem(with path: String, runningAsRoot: Bool = geteuid() == 0) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return "hook \(path) cannot be used: \(String(cString: strerror(errno)))"
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            return "hook \(path) is not a regular file"
        }
        guard access(path, X_OK) == 0, info.st_mode & 0o111 != 0 else {
            return "hook \(path) is not executable (chmod 755 \(path))"
        }
        guard info.st_mode & 0o022 == 0 else {
            return
                "hook \(path) is writable by group or others (mode \(String(info.st_mode & 0o7777, radix: 8))); run chmod go-w \(path)"
        }
        if runningAsRoot, info.st_uid != 0 {
            return
                "hook \(path) is owned by uid \(info.st_uid), not root; a root agent runs only root-owned hooks (chown root \(path))"
        }
        return nil
    }
}
