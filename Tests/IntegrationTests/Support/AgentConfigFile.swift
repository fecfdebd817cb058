import JournalFormat
import Foundation

/// A configuration with one rule and a hook script with the given body, in a test's directory.
enum AgentConfigFile {
    /// Writes `hook-RULE`, `reclaimd-RULE.toml` (state in `state/`) and returns the paths of the file and the
    /// state directory.
    static func volumeRule(
        in directory: String, rule: String, hookBody: String, threshold: String = "0",
        quiet: String = "0s"
    ) throws -> (config: String, state: String) {
        let hook = directory + "/hook-\(rule)"
        try ("#!/bin/sh\n" + hookBody + "\n").write(toFile: hook, atomically: true, encoding: .utf8)
        try Shell.succeed("chmod 755 '\(hook)'")
        let state = directory + "/state"
        let config = directory + "/reclaimd-\(rule).toml"
        try """
        [state]
        dir = "\(state)"

        [[rule]]
        name = "\(rule)"
        resources = ["volume"]
        threshold = "\(threshold)"
        quiet = "\(quiet)"
        hook = ["\(hook)"]
        """.write(toFile: config, atomically: true, encoding: .utf8)
        return (config, state)
    }

    /// One rule with the default trim rule's selection (container, image, volume, builder; prune and remove) and
    /// the hook: writes `hook-RULE` and `reclaimd-RULE.toml` (state in `state-RULE/`) and returns the file's path.
    static func trimSelectionRule(in directory: String, rule: String, hookBody: String, quiet: String) throws -> String
    {
        let hook = directory + "/hook-\(rule)"
        try ("#!/bin/sh\n" + hookBody + "\n").write(toFile: hook, atomically: true, encoding: .utf8)
        try Shell.succeed("chmod 755 '\(hook)'")
        let config = directory + "/reclaimd-\(rule).toml"
        try """
        [state]
        dir = "\(directory)/state-\(rule)"

        [[rule]]
        name = "\(rule)"
        resources = ["container", "image", "volume", "builder"]
        quiet = "\(quiet)"
        hook = ["\(hook)"]
        """.write(toFile: config, atomically: true, encoding: .utf8)
        return config
    }
}
