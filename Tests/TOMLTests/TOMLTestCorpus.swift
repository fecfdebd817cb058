import Foundation

/// The toml-test corpus kept beside the repository, in `../shared/toml-test` from the package root, and its
/// TOML 1.0.0 cases as the suite lists them.
///
/// Found from this file's path rather than the working directory, so `swift test` finds it from anywhere.
struct TOMLTestCorpus {
    /// A valid case: the document and the tagged JSON it must decode to.
    struct ValidCase {
        var path: String
        var toml: [UInt8]
        var expected: TaggedJSON
    }

    /// An invalid case: a document that must be refused.
    struct InvalidCase {
        var path: String
        var toml: [UInt8]
    }

    /// `<package root>/../shared/toml-test`.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Tests/TOMLTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the package root
        .deletingLastPathComponent()  // its parent, which holds shared/
        .appendingPathComponent("shared/toml-test")

    var valid: [ValidCase] = []
    var invalid: [InvalidCase] = []

    /// Reads every case of `tests/files-toml-1.0.0`; throws when the corpus is missing or the list names a file
    /// that is not there, so a missing corpus fails the tests instead of passing them empty.
    init() throws {
        let list = String(decoding: try Self.bytes("files-toml-1.0.0"), as: UTF8.self)
        let paths = list.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        let listed = Set(paths)
        for path in paths {
            if path.hasPrefix("valid/"), path.hasSuffix(".toml") {
                let json = String(path.dropLast(".toml".count)) + ".json"
                guard listed.contains(json) else { throw CorpusError(description: "\(path) is listed without \(json)") }
                valid.append(
                    ValidCase(path: path, toml: try Self.bytes(path), expected: try TaggedJSON(json: Self.bytes(json))))
            } else if path.hasPrefix("valid/"), path.hasSuffix(".json") {
                let toml = String(path.dropLast(".json".count)) + ".toml"
                guard listed.contains(toml) else { throw CorpusError(description: "\(path) is listed without \(toml)") }
            } else if path.hasPrefix("invalid/"), path.hasSuffix(".toml") {
                invalid.append(InvalidCase(path: path, toml: try Self.bytes(path)))
            } else {
                throw CorpusError(description: "\(path) in files-toml-1.0.0 is neither a valid nor an invalid case")
            }
        }
    }

    /// A file under `tests/`, byte for byte (some invalid cases are not UTF-8 on purpose).
    static func bytes(_ path: String) throws -> [UInt8] {
        let url = root.appendingPathComponent("tests").appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CorpusError(description: "cannot read \(url.path): the toml-test corpus must be at \(root.path)")
        }
        return Array(data)
    }
}

/// The corpus is missing, or its list does not match its files.
struct CorpusError: Error, CustomStringConvertible {
    var description: String
}
