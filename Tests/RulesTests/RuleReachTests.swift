import Rules
import Testing

/// Issue 22: a rule's default actions are the kinds its resources emit, and a rule that can never match is
/// refused at its position with the combination that would.
@Suite("rules that cannot misfire")
struct RuleReachTests {
    /// Docker's and Podman's kinds (as `DockerFamily` declares them) and the filesystem source's.
    private let vocabulary = EventVocabulary(
        resources: ["container", "image", "volume", "network", "builder"],
        kinds: [
            "container": ["prune", "remove", "use"], "image": ["prune", "remove", "use"],
            "volume": ["prune", "remove"],
            "network": ["prune"], "builder": ["prune"],
        ],
        rawActionResources: ["container", "image", "volume", "network", "builder"]
    ).union(EventVocabulary(resources: ["filesystem"]))
    private var parser: ConfigurationParser { ConfigurationParser(file: "r.toml", vocabulary: vocabulary) }

    private func rule(_ lines: String) -> String {
        "[[rule]]\nname = \"r\"\nhook = [\"/bin/true\"]\n" + lines
    }

    @Test("default actions follow the resources: freed for filesystem, prune and remove for engines, both for all")
    func defaultActions() throws {
        #expect(try parser.parse(rule("resources = [\"filesystem\"]\n")).rules.first?.actions == ["freed"])
        #expect(
            try parser.parse(rule("resources = [\"image\", \"volume\"]\n")).rules.first?.actions == ["prune", "remove"])
        #expect(try parser.parse(rule("resources = [\"builder\"]\n")).rules.first?.actions == ["prune"])
        #expect(
            try parser.parse(rule("resources = [\"image\", \"filesystem\"]\n")).rules.first?.actions == [
                "prune", "remove", "freed",
            ])
        #expect(
            try parser.parse(rule("")).rules.first?.actions == ["prune", "remove", "freed"],
            "all resources, filesystem included")
    }

    @Test("engine actions on the filesystem source are refused at the actions, naming both ways out")
    func filesystemWithEngineActions() {
        #expect(
            parser.errors(rule("resources = [\"filesystem\"]\nactions = [\"prune\", \"remove\"]\n")) == [
                "r.toml:5:11: rule \"r\" can never match: no source reports \"prune\", \"remove\" for \"filesystem\"; use actions = [\"freed\"] (the default) for \"filesystem\", or resources = [\"container\", \"image\", \"volume\", \"network\", \"builder\"] for \"prune\", \"remove\""
            ])
    }

    @Test("freed on engine resources, use on volumes, raw actions on the filesystem: refused")
    func otherNeverMatches() {
        #expect(
            parser.errors(rule("resources = [\"image\"]\nactions = [\"freed\"]\n")) == [
                "r.toml:5:11: rule \"r\" can never match: no source reports \"freed\" for \"image\"; use actions = [\"prune\", \"remove\"] (the default) for \"image\", or resources = [\"filesystem\"] for \"freed\""
            ])
        #expect(
            parser.errors(rule("resources = [\"volume\"]\nactions = [\"use\"]\n")).first?.hasPrefix(
                "r.toml:5:11: rule \"r\" can never match: no source reports \"use\" for \"volume\"; use actions = [\"prune\", \"remove\"] (the default) for \"volume\", or resources = [\"container\", \"image\"] for \"use\""
            ) == true)
        #expect(parser.errors(rule("resources = [\"filesystem\"]\nactions = [\"destroy\"]\n")).count == 1)
    }

    @Test("what can match is accepted: raw engine actions, kinds some resource has, mixed selections")
    func accepted() throws {
        #expect(parser.errors(rule("resources = [\"container\"]\nactions = [\"destroy\"]\n")) == [])
        #expect(parser.errors(rule("resources = [\"image\"]\nactions = [\"use\"]\n")) == [])
        #expect(parser.errors(rule("resources = [\"filesystem\"]\nactions = [\"freed\"]\n")) == [])
        // One combination that matches is enough: the image prunes here.
        #expect(parser.errors(rule("resources = [\"image\", \"filesystem\"]\nactions = [\"prune\"]\n")) == [])
    }

    @Test("the vocabulary's union keeps each resource's kinds from either side")
    func union() {
        let merged = EventVocabulary(resources: ["image"], kinds: ["image": ["prune"]], rawActionResources: [])
            .union(EventVocabulary(resources: ["image", "snapshot"]))
        #expect(merged.resources == ["image", "snapshot"])
        #expect(merged.kinds["image"] == ["prune", "remove"])
        #expect(merged.canEmit(resource: "image", action: "untag"), "raw actions from the second side")
        #expect(!merged.canEmit(resource: "image", action: "freed"))
    }
}
