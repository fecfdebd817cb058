import Foundation
import MetricsExport
import Testing

/// The shipped dashboard and alert rules (packaging/monitoring) name only metrics reclaimd exports: a renamed or
/// dropped metric breaks this test, not someone's dashboard.
@Suite("Monitoring files name real metrics")
struct MonitoringFilesTests {
    private func monitoring(_ name: String) throws -> String {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("packaging/monitoring/\(name)").path
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// Every `reclaimd_…` name in the text.
    private func metricNames(in text: String) -> Set<String> {
        var names = Set<String>()
        var rest = Substring(text)
        while let start = rest.range(of: "reclaimd_") {
            let tail = rest[start.lowerBound...]
            let name = tail.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            names.insert(String(name))
            rest = tail.dropFirst(name.count)
        }
        return names
    }

    /// What a scrape holds: each metric's name, and a histogram's `_bucket`, `_sum` and `_count` series.
    private var exported: Set<String> {
        var names = Set(MetricName.all.map(\.name))
        names.formUnion(["_bucket", "_sum", "_count"].map { MetricName.hookDuration.name + $0 })
        return names
    }

    @Test("the Grafana dashboard is JSON whose queries name only exported metrics, and uses most of them")
    func dashboard() throws {
        let text = try monitoring("reclaimd-dashboard.json")
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let panels = try #require(json?["panels"] as? [[String: Any]])
        let expressions = panels.flatMap {
            ($0["targets"] as? [[String: Any]] ?? []).compactMap { $0["expr"] as? String }
        }
        #expect(expressions.count >= 10, "\(expressions)")
        let named = expressions.reduce(into: Set<String>()) { $0.formUnion(metricNames(in: $1)) }
        #expect(named.subtracting(exported).isEmpty, "unknown metrics: \(named.subtracting(exported).sorted())")
        #expect(
            Set(MetricName.all.map(\.name)).subtracting(named).subtracting([MetricName.hookDuration.name]).isEmpty,
            "every metric has a panel: missing \(Set(MetricName.all.map(\.name)).subtracting(named).sorted())")
    }

    @Test("the alert rules name only exported metrics")
    func alerts() throws {
        let named = metricNames(in: try monitoring("reclaimd-alerts.yml"))
        #expect(!named.isEmpty)
        #expect(named.subtracting(exported).isEmpty, "unknown metrics: \(named.subtracting(exported).sorted())")
    }
}
