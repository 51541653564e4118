/// Trivy's built-in allow rules, with its IDs: paths that are not scanned (tests, examples, vendored code,
/// documentation, system and language-runtime folders of images) and matches that are not reported (those
/// containing "example"); then Drydock's `package-caches` (language package managers' download caches).
///
/// Paths are matched relative to the scan root without a leading `/` (`usr/share/doc/x`) and also with
/// one (`/vendor/x`), so that a rule such as `/vendor/` applies to a `vendor` folder at the root too.
public enum BuiltinAllowRules {
    /// Every built-in allow rule, in Trivy's order.
    public static let all: [SecretAllowRule] = [
        SecretAllowRule(
            id: "dist-info", description: "Ignore Python .dist-info metadata directories", path: #"\.dist-info/"#),
        SecretAllowRule(
            id: "tests", description: "Avoid test files and paths", path: #"(?:^(?i)test|/test|-test|_test|\.test)"#),
        SecretAllowRule(
            id: "examples", description: "Avoid example files and paths", regex: "(?i)example", path: "example"),
        SecretAllowRule(id: "vendor", description: "Vendor dirs", path: #"/vendor/"#),
        SecretAllowRule(id: "usr-dirs", description: "System dirs", path: #"^usr/(?:share|include|lib)/"#),
        SecretAllowRule(
            id: "locale-dir", description: "Locales directory contains locales file", path: #"/locales?/"#),
        SecretAllowRule(id: "markdown", description: "Markdown files", path: #"\.md$"#),
        SecretAllowRule(id: "node.js", description: "Node container images", path: #"^opt/yarn-v[\d.]+/"#),
        SecretAllowRule(id: "golang", description: "Go container images", path: #"^usr/local/go/"#),
        SecretAllowRule(
            id: "python", description: "Python container images", path: #"^usr/local/lib/python[\d.]+/"#),
        SecretAllowRule(id: "rubygems", description: "Ruby container images", path: #"^usr/lib/gems/"#),
        SecretAllowRule(id: "wordpress", description: "Wordpress container images", path: #"^usr/src/wordpress/"#),
        SecretAllowRule(
            id: "anaconda-log", description: "Anaconda CI Logs in container images", path: #"^var/log/anaconda/"#),
        // Third-party packages as package managers download and unpack them: Go's module cache, Cargo's
        // registry, Maven's and Gradle's repositories, npm's, Yarn's, pip's, Composer's and NuGet's caches.
        // Their test keys and sample tokens are not the image owner's secrets.
        SecretAllowRule(
            id: "package-caches", description: "Language package caches",
            path: #"(?:^|/)(?:go/pkg/mod|\.cache/(?:pip|go-build|yarn|composer)|\.npm/_cacache|\.yarn/cache"#
                + #"|\.m2/repository|\.gradle/caches|\.?cargo/registry|\.nuget/packages|\.composer/cache)/"#,
            origin: .drydock),
    ]

    /// Trivy's default `skip-patterns`: files never scanned unless a config file sets its own list (lockfiles
    /// and manifests, version control, images, documents and archives).
    public static let defaultSkipPatterns: [String] = [
        "**/.git/**", "**/node_modules/**", "**/go.mod", "**/go.sum", "**/package-lock.json", "**/yarn.lock",
        "**/pnpm-lock.yaml", "**/Pipfile.lock", "**/Gemfile.lock", "**/*.jpg", "**/*.png", "**/*.gif",
        "**/*.doc", "**/*.pdf", "**/*.bin", "**/*.svg", "**/*.socket", "**/*.deb", "**/*.rpm", "**/*.zip",
        "**/*.gz", "**/*.gzip", "**/*.tar",
    ]
}
