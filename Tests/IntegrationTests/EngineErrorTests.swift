import JournalFormat
import DockerAPI
import EngineAdapter
import Formats
import Time
import Foundation
import Testing

/// How `reclaimd events` and the client fail: one clear line, a distinct exit status, never a crash.
extension Integration {
    @Suite("engine failures", .timeLimit(.minutes(3)))
    struct EngineErrorTests {
        @Test("a missing socket: exit 69 and one line naming it")
        func missingSocket() async throws {
            let directory = try makeScratchDirectory("rd")
            defer { _ = try? Shell.run("rm -rf '\(directory)'") }
            let run = try ReclaimdProcess(["events", "--host", "unix://\(directory)/none.sock"], directory: directory)
            #expect(try await run.waitForExit(timeout: .seconds(10)) == 69)
            #expect(
                run.stderr
                    == "reclaimd: cannot reach the engine at unix://\(directory)/none.sock: the socket does not exist (is the engine running?)\n"
            )
        }

        @Test("permission denied: exit 69 and a line saying the user needs access to the socket")
        func permissionDenied() async throws {
            try await withDockerDaemon { daemon in
                try Shell.succeed(
                    "chmod 711 '\(daemon.directory)' && chmod 660 '\(daemon.socketPath)' && chmod 755 '\(ReclaimdBinary.path)'"
                )
                let result = try Shell.run(
                    "setpriv --reuid=65534 --regid=65534 --clear-groups '\(ReclaimdBinary.path)' events --host '\(daemon.host)'"
                )
                #expect(result.status == 69)
                #expect(
                    result.stderr.contains(
                        "permission denied connecting to \(daemon.socketPath): the user needs access to this socket"))
                #expect(result.stderr.split(separator: "\n").count == 1)
            }
        }

        @Test("a malformed host is a usage error that names the accepted forms")
        func malformedHost() throws {
            let result = try Shell.run("'\(ReclaimdBinary.path)' events --host docker.sock")
            #expect(result.status == 64)
            #expect(result.stderr.contains("expected unix:///path/to/socket or tcp://host:port"))
            let env = try Shell.run("DOCKER_HOST=bogus '\(ReclaimdBinary.path)' events")
            #expect(env.status == 64)
            #expect(env.stderr.contains("invalid engine host \"bogus\""))
        }

        @Test("bad times and reversed windows are usage errors")
        func badTimes() throws {
            #expect(try Shell.run("'\(ReclaimdBinary.path)' events --since yesterday").status == 64)
            let reversed = try Shell.run("'\(ReclaimdBinary.path)' events --since 1m --until 2m")
            #expect(reversed.status == 64)
            #expect(reversed.stderr.contains("is before --since"))
        }

        @Test(
            "out-of-range times and durations are usage errors naming the range, not a crash (issue 11)",
            arguments: [
                (
                    "events --since 99999999999",
                    "'--since <time>': out of range: accepted \(Timestamp.rangeDescription)"
                ),
                (
                    "events --since 2262-04-12T00:00:00Z",
                    "'--since <time>': out of range: accepted \(Timestamp.rangeDescription)"
                ),
                (
                    "events --until 9999-12-31T23:59:59Z",
                    "'--until <time>': out of range: accepted \(Timestamp.rangeDescription)"
                ),
                (
                    "events --since 99999999999h",
                    "'--since <time>': out of range: accepted \(DurationText.rangeDescription)"
                ),
                (
                    "simulate --hook-duration 9223372037 --input /dev/null",
                    "--hook-duration \"9223372037\" is out of range: accepted \(DurationText.rangeDescription)"
                ),
            ])
        func outOfRangeTimes(arguments: String, message: String) throws {
            let result = try Shell.run("'\(ReclaimdBinary.path)' \(arguments)")
            #expect(result.status == 64, "\(result.stderr)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(
                Timestamp.rangeDescription.hasPrefix(
                    "from 1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z"))
        }

        @Test("an error answer from the real engine carries the engine's own message")
        func engineErrorAnswer() async throws {
            try await withDockerDaemon { daemon in
                let client = daemon.client
                let identity = try await client.ping()
                #expect(identity.kind == .docker)
                // What this daemon says of itself, not a version named here: the tests run on whatever docker.io is installed.
                let headers = try await daemon.pingHeaders()
                #expect(identity.server == headers.server)
                #expect(identity.engineAPIVersion.map(String.init(describing:)) == headers.apiVersion)
                #expect(identity.negotiatedVersion == (try await daemon.expectedAPIVersion()))
                let info = try await client.info(identity)
                #expect(info.dockerRootDir == daemon.dataRoot)
                #expect(info.driver == "vfs")
                // A version the engine does not speak: it answers 400 with its own message, which we must pass on.
                var tooNew = identity
                tooNew.negotiatedVersion = APIVersion(major: 1, minor: 99)
                do {
                    try await client.streamEvents(tooNew, EventQuery(filters: EventQuery.pruneFilter)) { _ in }
                    Issue.record("the engine accepted API 1.99")
                } catch let error as EngineError {
                    #expect(error.code == .engineAnswered(status: 400))
                    #expect(error.message.contains("answered 400 to GET /v1.99/events"))
                    #expect(error.message.contains("client version 1.99 is too new"))
                }
            }
        }
    }
}
