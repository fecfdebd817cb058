/// What a `use` event tells garbage collection: which images it used, by the names the event gives (an ID, or a
/// reference such as `app:1.2`), and whether it put new data on the disk (a pull, load, import, build, commit or
/// tag, a container's creation), after which the agent evaluates its policies again.
public struct ImageUse: Sendable, Hashable {
    /// The images used, as the engine names them; never empty.
    public var images: [String]
    /// Whether the use brought data (or a new name for it) onto the disk, rather than only touching it.
    public var bringsData: Bool

    public init(images: [String], bringsData: Bool) {
        self.images = images
        self.bringsData = bringsData
    }
}
