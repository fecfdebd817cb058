import EngineAdapter
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The fields of `GET /info` that reclaimd uses.
public struct EngineInfo: Sendable, Hashable, Decodable {
    /// Where the engine keeps its data: the filesystem a trim hook works on.
    public var dockerRootDir: String
    /// The storage driver, e.g. `overlay2` or `vfs`.
    public var driver: String
    /// The engine's version, e.g. `20.10.24+dfsg1`.
    public var serverVersion: String
    /// The engine's ID; it changes when the engine is reinstalled, which is how missed events are noticed.
    public var id: String

    public init(dockerRootDir: String, driver: String, serverVersion: String, id: String) {
        self.dockerRootDir = dockerRootDir
        self.driver = driver
        self.serverVersion = serverVersion
        self.id = id
    }

    enum CodingKeys: String, CodingKey {
        case dockerRootDir = "DockerRootDir"
        case driver = "Driver"
        case serverVersion = "ServerVersion"
        case id = "ID"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        dockerRootDir = try container.decodeIfPresent(String.self, forKey: .dockerRootDir) ?? ""
        driver = try container.decodeIfPresent(String.self, forKey: .driver) ?? ""
        serverVersion = try container.decodeIfPresent(String.self, forKey: .serverVersion) ?? ""
        id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
    }

    /// Decodes `/info`'s JSON body.
    public static func decode(_ body: [UInt8]) throws -> EngineInfo {
        try JSONDecoder().decode(EngineInfo.self, from: Data(body))
    }
}
