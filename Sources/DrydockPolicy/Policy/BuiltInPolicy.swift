/// The built-in default policy (`--policy default`, printed by `drydock policy init`): fail on fixable
/// CRITICAL vulnerabilities only, report everything else.
public enum BuiltInPolicy {
    /// The name `--policy` takes for it, and the file decisions cite.
    public static let name = "default"
    /// The path its rules are cited under (`builtin:default:12`).
    public static let path = "builtin:default"

    /// The policy's text: a valid policy file, commented, to start one from.
    public static let text = """
        # Drydock's built-in default policy (drydock policy init prints it; see docs/policy.md).
        #
        # Start with what a team can act on: fail the build on CRITICAL vulnerabilities that have a fixed
        # version, report everything else. Failing builds on findings nobody can fix teaches teams to
        # ignore the scanner.
        apiVersion: drydock/v1
        # enforce fails the build; audit reports what enforce would have done and never fails it.
        mode: enforce
        # What happens to findings no rule matches: reported, not failing.
        defaultAction: warn
        # Rules are checked in order; the first that matches a finding decides it.
        rules:
          - name: fixable-critical
            description: CRITICAL vulnerability with a fixed version available
            action: fail
            when:
              severity: CRITICAL
              fixable: true
        # Exceptions need an id, an owner, a reason and an expiry, and should name a purl, path or image:
        #  - id: CVE-2024-0000
        #    owner: team-payments
        #    reason: the vulnerable function is never called (see ticket SEC-123)
        #    expires: 2025-12-31
        #    purl: pkg:apk/alpine/busybox
        exceptions: []

        """

    /// The parsed policy.
    public static var document: PolicyDocument {
        // The text above is a constant checked by the tests; it always parses.
        (try? PolicyParser.parse(Array(text.utf8), path: path)) ?? PolicyDocument(path: path, digest: "")
    }
}
