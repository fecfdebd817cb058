import EngineAdapter
import Formats
import Time

/// What to ask `GET /events` for: a window of time and server-side filters.
public struct EventQuery: Sendable, Hashable {
    /// Replay events from this time on (the engine keeps a short backlog).
    public var since: Timestamp?
    /// Stop at this time: the engine closes the stream then.
    public var until: Timestamp?
    /// Server-side filters, e.g. `["event": ["prune"], "type": ["image", "volume"]]`. Different keys AND,
    /// values of one key OR.
    public var filters: [String: [String]]

    public init(since: Timestamp? = nil, until: Timestamp? = nil, filters: [String: [String]] = [:]) {
        self.since = since
        self.until = until
        self.filters = filters
    }

    /// Prune events of every type.
    public static let pruneFilter: [String: [String]] = ["event": ["prune"]]

    /// The query string, starting with `?` when not empty.
    public var queryString: String {
        var parameters: [(String, String)] = []
        if let since { parameters.append(("since", since.engineQueryValue)) }
        if let until { parameters.append(("until", until.engineQueryValue)) }
        if !filters.isEmpty { parameters.append(("filters", filtersJSON)) }
        if parameters.isEmpty { return "" }
        return "?" + parameters.map { "\($0.0)=\(percentEncoded($0.1))" }.joined(separator: "&")
    }

    /// The filters as JSON, keys and values sorted so the same query always reads the same.
    public var filtersJSON: String {
        var writer = JSONObjectWriter()
        for key in filters.keys.sorted() {
            let values = (filters[key] ?? []).sorted().map(JSONText.quoted)
            writer.addRaw(key, JSONText.array(values))
        }
        return writer.finish()
    }
}

/// Percent-encodes everything outside RFC 3986's unreserved set.
func percentEncoded(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            out.unicodeScalars.append(Unicode.Scalar(byte))
        default:
            let hex = String(byte, radix: 16, uppercase: true)
            out += "%" + (hex.count == 1 ? "0" + hex : hex)
        }
    }
    return out
}
