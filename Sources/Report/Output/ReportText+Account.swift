import Formats

extension ReportText {
    /// The space account, one row per measurement, so a reader sees where space went and whether the host got
    /// it back.
    static func accountSection(_ total: Summary) -> [String] {
        let account = total.account
        var table = TextTable([.left, .right, .left])
        table.add(["reported by the engines", size(account.reportedBytes), reportedNote(account)])
        table.add([
            "removed by policies", size(account.policyRemovedBytes), "the objects' sizes as the policies saw them",
        ])
        table.add([
            "freed on the filesystem", size(account.filesystemFreedBytes),
            "growth of free space the filesystem source saw",
        ])
        table.add([
            "trimmed", size(account.trimmedBytes),
            "fstrim's \(account.trimReports) \(plural(account.trimReports, "report", "reports")): what a disk with discard gives back",
        ])
        return ["Space account (each measured apart; not to be added up):"] + table.lines() + [""]
    }

    private static func reportedNote(_ account: SpaceAccount) -> String {
        var unsized: [String] = []
        if account.prunesWithoutBytes > 0 {
            unsized.append(
                "\(account.prunesWithoutBytes) \(plural(account.prunesWithoutBytes, "prune", "prunes")) without bytes")
        }
        if account.removals > 0 {
            unsized.append("\(account.removals) \(plural(account.removals, "removal", "removals"))")
        }
        return unsized.isEmpty
            ? "prunes' reclaimed bytes" : "prunes' reclaimed bytes; not sized: " + unsized.joined(separator: ", ")
    }
}
