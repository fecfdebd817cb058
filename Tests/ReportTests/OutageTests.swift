import JournalFormat
import Formats
import Time
import Report
import Testing

@Suite("engine outages and gaps")
struct OutageTests {
    @Test("an outage runs from a process's lost entry to the same process's next connected entry")
    func pairsByProcess() {
        let report = Entries.report([
            Entries.connected(pid: 1, at: 0),
            Entries.lost(pid: 1, at: 10),
            Entries.lost(pid: 2, at: 12),
            Entries.lost(pid: 1, at: 15),  // still the same outage
            Entries.connected(pid: 2, at: 13),
            Entries.connected(pid: 1, at: 40),
            Entries.connected(pid: 1, at: 50),  // connected without an outage: nothing
        ])
        let outages = report.total.outages
        #expect(outages.map(\.pid) == [1, 2])
        #expect(outages.map(\.milliseconds) == [30_000, 1_000])
        #expect(outages.first?.host == "unix:///var/run/docker.sock")
        #expect(report.total.disconnectedMilliseconds == 31_000)
        #expect(report.total.openOutages == 0)
    }

    @Test("another process's reconnect does not end an outage; one never ended is open, without a length")
    func openOutage() {
        let report = Entries.report([
            Entries.lost(pid: 1, at: 10),
            Entries.connected(pid: 2, at: 20),
        ])
        #expect(report.total.outages.count == 1)
        #expect(report.total.outages.first?.end == nil)
        #expect(report.total.openOutages == 1)
        #expect(report.total.disconnectedMilliseconds == 0)
    }

    @Test("records in any order: outages follow time, not the order fed")
    func orderIndependent() {
        let records = [Entries.lost(pid: 1, at: 10), Entries.connected(pid: 1, at: 20), Entries.gap(at: 15)]
        #expect(Entries.report(records) == Entries.report(records.reversed()))
        #expect(Entries.report(records.reversed()).total.outages.first?.milliseconds == 10_000)
    }

    @Test("gap warnings with their window")
    func gaps() {
        let report = Entries.report([Entries.gap(at: 100), Entries.gap(at: 200)])
        #expect(report.total.gaps.count == 2)
        #expect(report.total.gaps.first?.start == Entries.at(40).rfc3339)
        #expect(report.total.gaps.first?.end == Entries.at(100).rfc3339)
    }
}
