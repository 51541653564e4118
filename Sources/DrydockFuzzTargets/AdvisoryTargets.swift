import DrydockVulnDB

/// Targets for advisory feeds: one per importer (`osv`, `debian-tracker`, `nvd`, `oval`, ...), made from the
/// importer lists so a new feed is fuzzed as soon as it is registered, plus the JSON reader and the database's
/// own metadata.
enum AdvisoryTargets {
    static var all: [FuzzTarget] {
        AdvisoryImporters.all.map(json) + AdvisoryImporters.files.map(file) + [advisoryJSON, epss, databaseMetadata]
    }

    /// Seed globs per feed format name, in `../shared/advisories`.
    static let seeds: [String: [String]] = [
        "osv": ["advisories/osv/**/*.json", "advisories/rocky-osv/*.json", "advisories/ubuntu/osv/**/*.json"],
        "alpine-secdb": ["advisories/alpine-secdb/**/*.json"],
        "photon-cve-metadata": ["advisories/photon/cve-metadata-canonicalized/*.json"],
        "redhat-csaf": ["advisories/redhat-csaf/**/*.json"],
        "suse-csaf": ["advisories/suse/csaf/*.json"],
        "oval": [
            "advisories/azurelinux-oval/*.xml", "advisories/photon/oval/*.xml", "advisories/oracle-oval-excerpt/*",
        ],
        "updateinfo": ["advisories/amazon-alas-excerpts/*"],
        "suse-cvrf": ["advisories/suse/**/*.xml"],
        "wolfi-advisories": ["advisories/wolfi/*.yaml"],
    ]

    /// A JSON feed document: parsed by the feed's JSON reader, then given to `importer` whatever it holds.
    static func json(_ importer: any AdvisoryImporter) -> FuzzTarget {
        FuzzTarget(importer.format, "\(importer.format) advisory documents (JSON)", seeds: seeds[importer.format] ?? [])
        { bytes in
            FuzzOutcome.of {
                let document = try JSONParser.parse(bytes)
                return describe(try importer.parse(document, file: "fuzz.json"))
            }
        }
    }

    /// A feed file that is not one JSON document (OVAL, updateinfo, CVRF, Wolfi advisory YAML).
    static func file(_ importer: any AdvisoryFileImporter) -> FuzzTarget {
        FuzzTarget(importer.format, "\(importer.format) advisory files", seeds: seeds[importer.format] ?? []) {
            bytes in
            FuzzOutcome.of { describe(try importer.parse(FeedFile(path: "fuzz-feed", bytes: bytes))) }
        }
    }

    /// The JSON reader every JSON feed goes through.
    static let advisoryJSON = FuzzTarget(
        "advisory-json", "the advisory feeds' JSON reader", seeds: ["advisories/**/*.json", "fixtures/**/*.json"]
    ) {
        bytes in
        FuzzOutcome.of {
            _ = try JSONParser.parse(bytes)
            return "a JSON document"
        }
    }

    /// FIRST's EPSS CSV.
    static let epss = FuzzTarget("epss", "FIRST's EPSS CSV") { bytes in
        .parsed(describe(EPSSImporter.parse(bytes, file: "epss.csv")))
    }

    /// The database's `metadata.json`.
    static let databaseMetadata = FuzzTarget("db-metadata", "the vulnerability database's metadata.json") { bytes in
        FuzzOutcome.of {
            let metadata = try DatabaseMetadata.decode(bytes, location: "metadata.json")
            return "schema \(metadata.schemaVersion)"
        }
    }

    static func describe(_ records: ImportedRecords) -> String {
        "\(counted(records.advisories.count, "advisory")), \(counted(records.affected.count, "affected package")), "
            + counted(records.skipped, "skipped record")
    }
}
