import DrydockModel

/// Trivy's split of a package version into `Version`, `Release` and `Epoch`, per ecosystem.
///
/// Debian and RPM versions split as `[epoch:]version[-release]` (RPM's `EPOCH`, `VERSION`,
/// `RELEASE`); other ecosystems keep the whole version in `Version`.
struct TrivyVersionFields: Hashable {
    var epoch: Int?
    var version: String
    var release: String?

    init(epoch: Int?, version: String, release: String?) {
        self.epoch = epoch
        self.version = version
        self.release = release
    }

    init(_ full: String, ecosystem: Ecosystem) {
        guard ecosystem == .debian || ecosystem == .ubuntu || ecosystem.isRPM else {
            self.version = full
            return
        }
        var rest = Substring(full)
        if let colon = rest.firstIndex(of: ":"), let epoch = Int(rest[..<colon]) {
            self.epoch = epoch
            rest = rest[rest.index(after: colon)...]
        }
        if let dash = rest.lastIndex(of: "-") {
            self.version = String(rest[..<dash])
            self.release = String(rest[rest.index(after: dash)...])
        } else {
            self.version = String(rest)
        }
    }
}
