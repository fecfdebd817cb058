/// How each decoded entry changes a summary.
extension Summary {
    mutating func count(_ event: ReportItem.EventItem) {
        if event.kind == .filesystemFreed {
            filesystemFreedEvents += 1
            filesystemFreedBytes = filesystemFreedBytes.addingSaturating(event.bytes ?? 0)
            return
        }
        var totals = resources[event.resource] ?? ResourceTotals()
        if event.kind == .removal {
            totals.removals += 1
        } else {
            totals.prunes += 1
            if let bytes = event.bytes {
                totals.reclaimedBytes = totals.reclaimedBytes.addingSaturating(bytes)
            } else {
                totals.prunesWithoutBytes += 1
            }
        }
        resources[event.resource] = totals
    }

    mutating func countRun(rule: String, outcome: RunOutcome, milliseconds: UInt64?) {
        var totals = rules[rule] ?? RuleTotals()
        totals.outcomes[outcome, default: 0] += 1
        if let milliseconds { totals.durations.add(milliseconds) }
        rules[rule] = totals
    }

    mutating func countPolicyRemoval(_ item: ReportItem.PolicyRemovalItem) {
        var totals = policies[item.policy] ?? PolicyTotals()
        switch item.outcome {
        case .removed:
            totals.removedByReason[item.reason, default: 0] += 1
            totals.removedBytes = totals.removedBytes.addingSaturating(item.size)
        case .refused: totals.refused += 1
        case .planned: totals.planned += 1
        }
        policies[item.policy] = totals
    }

    mutating func countPolicyEvaluation(_ policy: String, trigger: String?) {
        policies[policy, default: PolicyTotals()].evaluationsByTrigger[trigger ?? "unknown", default: 0] += 1
    }

    mutating func countTrim(rule: String, bytes: UInt64) {
        var totals = rules[rule] ?? RuleTotals()
        totals.trimmedBytes = totals.trimmedBytes.addingSaturating(bytes)
        totals.trimReports += 1
        rules[rule] = totals
    }
}
