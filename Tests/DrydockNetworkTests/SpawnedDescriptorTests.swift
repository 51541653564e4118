import DrydockTestSupport
import Foundation
import Testing

/// The test support's spawners hand a child only its standard descriptors.
///
/// A registry or server started while another test was writing a credential-helper script once kept that
/// script open for writing for minutes, and running the helper failed with "Text file busy" (CI, stop 29).
@Suite struct SpawnedDescriptorTests {
    @Test("a descriptor open without close-on-exec does not reach a child of ProcessRunner")
    func processRunnerChildGetsNoExtraDescriptor() throws {
        let folder = try PackagePaths.temporaryDirectory("spawn-fds")
        let path = folder.appendingPathComponent("held-open").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(descriptor > 2)
        defer { close(descriptor) }
        let result = try ProcessRunner.run(
            "/bin/sh", ["-c", "if [ -e /proc/$$/fd/\(descriptor) ]; then echo inherited; else echo closed; fi"])
        #expect(result.status == 0)
        #expect(result.output == "closed\n")
    }
}
