import JournalFormat
import Foundation

/// A real ext4 filesystem in an image file, loop-mounted for the test and always unmounted and detached after.
/// fstrim only ever runs on filesystems made here, never on / or anything the tests did not create.
final class LoopFilesystem: @unchecked Sendable {
    let directory: String
    let mountPoint: String
    let image: String

    private init(directory: String, megabytes: Int) throws {
        self.directory = directory
        image = directory + "/fs.img"
        mountPoint = directory + "/mnt"
        try Shell.succeed(
            "truncate -s \(megabytes)M '\(image)' && mkfs.ext4 -q -F '\(image)' && mkdir -p '\(mountPoint)' && mount -o loop '\(image)' '\(mountPoint)'"
        )
    }

    /// Unmounts (which also detaches the loop device mount created) and removes the image.
    private func destroy() {
        _ = try? Shell.run("umount '\(mountPoint)' 2>/dev/null || umount -l '\(mountPoint)'")
        // A loop device still bound to our image (if umount could not auto-clear it) is detached explicitly.
        _ = try? Shell.run("for d in $(losetup -j '\(image)' -O NAME -n); do losetup -d \"$d\"; done")
        _ = try? Shell.run("rm -rf '\(directory)'")
    }

    /// Runs `body` with a fresh filesystem, cleaning up whether it succeeds or fails.
    static func with<Result>(
        megabytes: Int = 200, _ body: (LoopFilesystem) async throws -> Result
    ) async throws -> Result {
        let filesystem = try LoopFilesystem(directory: try makeScratchDirectory("rdfs"), megabytes: megabytes)
        do {
            let result = try await body(filesystem)
            filesystem.destroy()
            return result
        } catch {
            filesystem.destroy()
            throw error
        }
    }
}

/// The repository's `hooks/` folder.
enum ShippedHooks {
    static func path(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("hooks/\(name)").path
    }
}
