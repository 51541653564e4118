import DrydockCatalog
import DrydockModel
import DrydockPolicy

/// The components of a scan and how they relate, built once from a `ScanReport` for both SBOM writers.
///
/// The shape is Trivy's: the artifact at the root; the OS and each lockfile as components the root
/// contains; packages under the OS or their lockfile (packages of installed metadata such as Python's
/// `dist-info`, under the root); package dependencies as edges between packages. Drydock adds the language
/// packages an OS package installed (``Inventory/ownedTargets``): each is an edge from its OS package.
struct SBOMGraph: Sendable {
    var root: SBOMComponent
    /// Every other component, in report order.
    var components: [SBOMComponent]
    /// Component ref → the refs it contains or depends on, in order, without duplicates.
    var edges: [String: [String]]
    /// Every finding to list, with the ref of the component it was found in.
    var findings: [(ref: String, finding: DecidedFinding)]

    /// Builds the graph of `report`.
    init(_ report: ScanReport) {
        var builder = Builder(report: report)
        builder.build()
        root = builder.root
        components = builder.components
        edges = builder.edges
        findings = builder.findings
    }

    /// The root and every other component, in order.
    var allComponents: [SBOMComponent] { [root] + components }

    private struct Builder {
        let report: ScanReport
        var root: SBOMComponent
        var components: [SBOMComponent] = []
        var edges: [String: [String]] = [:]
        var findings: [(ref: String, finding: DecidedFinding)] = []
        var usedRefs: Set<String> = []
        /// OS package ID → ref, for owned packages' edges.
        var osPackageRefs: [String: String] = [:]

        init(report: ScanReport) {
            self.report = report
            root = SBOMComponent(
                ref: "", kind: report.artifact.type == "container_image" ? .container : .directory,
                name: report.artifact.name)
        }

        mutating func build() {
            root.ref = uniqueRef(
                report.artifact.imageID.map { "\(report.artifact.name)@\($0)" } ?? report.artifact.name)
            root.purl = Self.imagePURL(report.artifact)
            root.properties = Self.rootProperties(report.artifact)
            for target in report.targets where target.kind == .osPackages || target.kind == .languagePackages {
                addTarget(target)
            }
            for target in report.inventory?.ownedTargets ?? [] { addOwned(target) }
        }

        /// A ref not used yet, `base` if possible.
        mutating func uniqueRef(_ base: String) -> String {
            var candidate = base
            var counter = 1
            while !usedRefs.insert(candidate).inserted {
                counter += 1
                candidate = "\(base)#\(counter)"
            }
            return candidate
        }

        mutating func edge(_ from: String, _ to: String) {
            if edges[from]?.contains(to) != true { edges[from, default: []].append(to) }
        }

        mutating func addTarget(_ target: DecidedTarget) {
            let parent: String
            if target.kind == .osPackages {
                parent = addOperatingSystem(target)
            } else if LanguageFileType(rawValue: target.type)?.aggregateName != nil {
                parent = root.ref
            } else {
                var application = SBOMComponent(
                    ref: uniqueRef("\(target.type):\(target.name)"), kind: .application, name: target.name)
                application.properties = [
                    SBOMProperty(.trivy, PropertyName.type, target.type),
                    SBOMProperty(.trivy, PropertyName.class, target.kind.rawValue),
                ]
                components.append(application)
                edge(root.ref, application.ref)
                parent = application.ref
            }
            var refs: [Package: String] = [:]
            var byID: [String: String] = [:]
            for package in target.packages {
                let component = makeComponent(package, type: target.type)
                components.append(component)
                refs[package] = component.ref
                byID[package.id] = byID[package.id] ?? component.ref
                if target.kind == .osPackages { osPackageRefs[package.id] = osPackageRefs[package.id] ?? component.ref }
            }
            linkPackages(target.packages, refs: refs, byID: byID, parent: parent)
            for decided in target.findings where Self.listed(decided) {
                guard let package = decided.finding.vulnerability?.package, let ref = refs[package] else { continue }
                findings.append((ref, decided))
            }
        }

        /// Adds the OS component (or, without a detected OS, a component named after the target that says
        /// so) and returns its ref.
        mutating func addOperatingSystem(_ target: DecidedTarget) -> String {
            var component: SBOMComponent
            if let os = report.operatingSystem {
                component = SBOMComponent(
                    ref: uniqueRef("os:\(os.family.rawValue)@\(os.version)"), kind: .operatingSystem,
                    name: os.family.rawValue, version: os.version)
                if let id = os.id { component.properties.append(SBOMProperty(.drydock, PropertyName.osID, id)) }
                if let pretty = os.prettyName {
                    component.properties.append(SBOMProperty(.drydock, PropertyName.osPrettyName, pretty))
                }
                if os.extendedSupport {
                    component.properties.append(SBOMProperty(.drydock, PropertyName.extendedSupport, "true"))
                }
            } else {
                component = SBOMComponent(
                    ref: uniqueRef("os:\(target.type)"), kind: .operatingSystem, name: target.type)
                component.properties.append(SBOMProperty(.drydock, PropertyName.osDetected, "false"))
            }
            component.properties += [
                SBOMProperty(.trivy, PropertyName.type, target.type),
                SBOMProperty(.trivy, PropertyName.class, target.kind.rawValue),
            ]
            components.append(component)
            edge(root.ref, component.ref)
            return component.ref
        }

        /// Trivy's rule for which packages hang from their parent: roots, and the packages no other package
        /// of the target depends on (direct ones too when the project has no root); then dependency edges.
        /// Packages in a dependency cycle that nothing else reaches are hung from the parent as well, so
        /// that every package can be reached from the root.
        mutating func linkPackages(
            _ packages: [Package], refs: [Package: String], byID: [String: String], parent: String
        ) {
            var hasParent: Set<String> = []
            for package in packages { for dependency in package.dependsOn { hasParent.insert(dependency) } }
            let hasRoot = packages.contains { $0.relationship == .root }
            for package in packages {
                guard let ref = refs[package] else { continue }
                let belongs =
                    package.relationship == .direct ? !hasRoot : !hasParent.contains(package.id)
                if belongs { edge(parent, ref) }
                for dependency in package.dependsOn {
                    if let target = byID[dependency], target != ref { edge(ref, target) }
                }
            }
            var reached: Set<String> = []
            var stack = edges[parent] ?? []
            while let next = stack.popLast() {
                guard reached.insert(next).inserted else { continue }
                stack += edges[next] ?? []
            }
            for package in packages {
                guard let ref = refs[package], !reached.contains(ref) else { continue }
                edge(parent, ref)
                reached.insert(ref)
                var more = edges[ref] ?? []
                while let next = more.popLast() {
                    guard reached.insert(next).inserted else { continue }
                    more += edges[next] ?? []
                }
            }
        }

        mutating func addOwned(_ target: InventoryTarget) {
            for package in target.packages {
                var component = makeComponent(package, type: target.type)
                component.properties.append(SBOMProperty(.drydock, PropertyName.target, target.name))
                if let owner = package.installedBy {
                    component.properties.append(SBOMProperty(.drydock, PropertyName.installedBy, owner))
                }
                components.append(component)
                edge(package.installedBy.flatMap { osPackageRefs[$0] } ?? root.ref, component.ref)
            }
        }

        mutating func makeComponent(_ package: Package, type: String) -> SBOMComponent {
            var component = SBOMComponent(
                ref: uniqueRef(package.purl ?? "\(type):\(package.id)"), kind: .library, name: package.name,
                version: package.version, purl: package.purl, licenses: package.licenses, package: package)
            if let purl = package.purl.flatMap(PackageURL.init), purl.type == "maven" || purl.type == "npm",
                let namespace = purl.namespace
            {
                component.name = purl.name
                component.group = namespace
            }
            component.properties = Self.packageProperties(package, type: type)
            // The licenses as written, when the license fields cannot give them back exactly (several joined
            // into one SPDX expression, or spellings rewritten to SPDX identifiers).
            if package.licenses.count > 1 || package.licenses.contains(where: { SPDXLicenseExpression($0).text != $0 })
            {
                for license in package.licenses {
                    component.properties.append(SBOMProperty(.drydock, PropertyName.license, license))
                }
            }
            return component
        }

        /// Whether a finding goes in the SBOM's vulnerabilities: every reported one, and those set aside by
        /// a VEX statement, an exception or an ignore rule (with the analysis saying why); not those the
        /// flags filtered out (`--severity`, `--ignore-unfixed`).
        static func listed(_ decided: DecidedFinding) -> Bool {
            decided.decision.isReported || decided.decision.vex != nil || decided.decision.rule.source != .flag
        }

        static func packageProperties(_ package: Package, type: String) -> [SBOMProperty] {
            var properties = [
                SBOMProperty(.trivy, PropertyName.pkgID, package.id),
                SBOMProperty(.trivy, PropertyName.pkgType, type),
                SBOMProperty(.drydock, PropertyName.ecosystem, package.ecosystem.rawValue),
            ]
            func add(_ namespace: SBOMProperty.Namespace, _ name: String, _ value: String?) {
                if let value, !value.isEmpty { properties.append(SBOMProperty(namespace, name, value)) }
            }
            add(.trivy, PropertyName.filePath, package.filePath)
            add(.trivy, PropertyName.srcName, package.sourceName)
            add(.trivy, PropertyName.srcVersion, package.sourceVersion)
            add(.trivy, PropertyName.modularityLabel, package.modularityLabel)
            add(.trivy, PropertyName.layerDigest, package.layer?.digest)
            add(.trivy, PropertyName.layerDiffID, package.layer?.diffID)
            add(.drydock, PropertyName.layerCreatedBy, package.layer?.createdBy)
            add(.drydock, PropertyName.relationship, package.relationship?.rawValue)
            add(.drydock, PropertyName.vendor, package.vendor)
            return properties
        }

        static func rootProperties(_ artifact: ArtifactMetadata) -> [SBOMProperty] {
            var properties = [
                SBOMProperty(.trivy, PropertyName.schemaVersion, "2"),
                SBOMProperty(.drydock, PropertyName.artifactType, artifact.type),
            ]
            if let imageID = artifact.imageID { properties.append(SBOMProperty(.trivy, PropertyName.imageID, imageID)) }
            properties += artifact.repoDigests.map { SBOMProperty(.trivy, PropertyName.repoDigest, $0) }
            properties += artifact.diffIDs.map { SBOMProperty(.trivy, PropertyName.diffID, $0) }
            properties += artifact.repoTags.map { SBOMProperty(.trivy, PropertyName.repoTag, $0) }
            return properties
        }

        /// `pkg:oci/NAME@DIGEST?repository_url=REPO` from the first repository digest, as Trivy forms it.
        static func imagePURL(_ artifact: ArtifactMetadata) -> String? {
            guard let repoDigest = artifact.repoDigests.first, let at = repoDigest.lastIndex(of: "@") else {
                return nil
            }
            let repository = String(repoDigest[..<at])
            let digest = String(repoDigest[repoDigest.index(after: at)...])
            let name = repository.split(separator: "/").last.map { String($0).lowercased() } ?? repository
            return PackageURL(
                type: "oci", name: name, version: digest, qualifiers: ["repository_url": repository.lowercased()]
            ).description
        }
    }
}
