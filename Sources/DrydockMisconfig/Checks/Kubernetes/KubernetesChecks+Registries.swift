import Foundation

/// Built-in Kubernetes checks on where images come from.
extension KubernetesChecks {
    static let ecrRegistries: Set<String> = [
        "ecr.us-east-2.amazonaws.com", "ecr.us-east-1.amazonaws.com", "ecr.us-west-1.amazonaws.com",
        "ecr.us-west-2.amazonaws.com", "ecr.af-south-1.amazonaws.com", "ecr.ap-east-1.amazonaws.com",
        "ecr.ap-south-1.amazonaws.com", "ecr.ap-northeast-2.amazonaws.com", "ecr.ap-southeast-1.amazonaws.com",
        "ecr.ap-southeast-2.amazonaws.com", "ecr.ap-northeast-1.amazonaws.com", "ecr.ca-central-1.amazonaws.com",
        "ecr.cn-north-1.amazonaws.com.cn", "ecr.cn-northwest-1.amazonaws.com.cn", "ecr.eu-central-1.amazonaws.com",
        "ecr.eu-west-1.amazonaws.com", "ecr.eu-west-2.amazonaws.com", "ecr.eu-south-1.amazonaws.com",
        "ecr.eu-west-3.amazonaws.com", "ecr.eu-north-1.amazonaws.com", "ecr.me-south-1.amazonaws.com",
        "ecr.sa-east-1.amazonaws.com", "ecr.us-gov-east-1.amazonaws.com", "ecr.us-gov-west-1.amazonaws.com",
    ]
    static let gcrRegistries: Set<String> = ["gcr.io", "us.gcr.io", "eu.gcr.io", "asia.gcr.io"]

    /// The registry host of an image reference: its first path segment when that looks like a host
    /// (has a `.` or `:`, or is `localhost`), else Docker Hub.
    static func registry(of image: String) -> String {
        let parts = image.split(separator: "/", maxSplits: 1)
        guard parts.count > 1, let first = parts.first,
            first.contains(".") || first.contains(":") || first == "localhost"
        else { return "docker.io" }
        return String(first)
    }

    /// A (deprecated) check that images come from registries ending with one of `trusted`.
    static func registryCheck(_ trusted: Set<String>, _ metadata: CheckMetadata, example: String, message: String)
        -> Check
    {
        K8s.containers(
            metadata,
            examples: CheckExamples(
                failing: [
                    K8sExample.pod().replacingOccurrences(of: "registry.example.com/app:1.0", with: "nginx:1.27")
                ],
                passing: [K8sExample.pod().replacingOccurrences(of: "registry.example.com/app:1.0", with: example)]),
            message: { container, object in
                "Container '\(container.name)' of \(object.kind) '\(object.name)' should \(message)"
            }
        ) { container in
            let host = registry(of: container.image)
            return !trusted.contains { host.hasSuffix($0) }
        }
    }

    static let azureRegistry = registryCheck(
        ["azurecr.io"],
        .kubernetes(
            "KSV-0032", names: ["use-azure-image-prefix"],
            title: "All container images must start with the *.azurecr.io domain",
            severity: .medium, description: "Images should come from your Azure Container Registry.",
            resolution: "Use images from a registry ending in `azurecr.io`.", kinds: K8s.workloads, deprecated: true),
        example: "example.azurecr.io/app:1.0", message: "restrict container image to your specific registry domain")

    static let gcrRegistry = registryCheck(
        gcrRegistries,
        .kubernetes(
            "KSV-0033", names: ["use-gcr-domain"], title: "All container images must start with a GCR domain",
            severity: .medium, description: "Images should come from Google Container Registry.",
            resolution: "Use images from a GCR domain.", kinds: K8s.workloads, deprecated: true),
        example: "gcr.io/project/app:1.0", message: "restrict container image to your specific registry domain")

    static let ecrRegistry = registryCheck(
        ecrRegistries,
        .kubernetes(
            "KSV-0035", names: ["no-untrusted-ecr-domain"], title: "All container images must start with an ECR domain",
            severity: .medium, description: "Images should come from your Amazon ECR repositories.",
            resolution: "Use images from an ECR domain.", kinds: K8s.workloads, deprecated: true),
        example: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.0",
        message: "restrict images to own ECR repository")

    static let publicRegistry = K8s.containers(
        .kubernetes(
            "KSV-0034", names: ["no-public-registries"], title: "Container images from public registries used",
            severity: .medium, description: "Images from Docker Hub or GitHub's registry are outside your control.",
            resolution: "Mirror the images you use into a private registry.", kinds: K8s.workloads, deprecated: true),
        examples: CheckExamples(
            failing: [K8sExample.pod().replacingOccurrences(of: "registry.example.com/app:1.0", with: "nginx:1.27")],
            passing: [K8sExample.pod()]),
        message: K8s.containerMessage("restrict container image to use private registries")
    ) { ["docker.io", "ghcr.io"].contains(registry(of: $0.image)) }

    static let trustedRegistry = Check.kubernetes(
        .kubernetes(
            "KSV-0125", names: ["use-trusted-registry"], legacy: "KSV0125",
            title: "Restrict container images to trusted registries", severity: .medium,
            description: """
                Images from registries you do not control can change or disappear. By default the trusted \
                registries are the cloud providers' (ACR, ECR, GCR); set your own with the check data \
                `trusted_registries`.
                """,
            resolution: "Pull images from a trusted registry (or add yours to the trusted list).",
            references: [
                "https://cloud.google.com/container-registry/docs/overview#registries",
                "https://docs.aws.amazon.com/general/latest/gr/ecr.html",
            ], kinds: K8s.workloads),
        examples: CheckExamples(
            failing: [
                K8sExample.pod().replacingOccurrences(of: "registry.example.com/app:1.0", with: "quay.io/team/app:1.0")
            ],
            passing: [
                K8sExample.pod().replacingOccurrences(
                    of: "registry.example.com/app:1.0", with: "gcr.io/project/app:1.0")
            ])
    ) { object, settings in
        let trusted =
            settings.trustedRegistries.isEmpty
            ? gcrRegistries.union(ecrRegistries).union(["azurecr.io"]) : Set(settings.trustedRegistries)
        return object.containers.filter { container in
            // Like Trivy, an image named without a registry (`nginx`) is not judged here.
            guard container.image.contains("/") else { return false }
            let host = registry(of: container.image)
            return !trusted.contains { host.hasSuffix($0) }
        }.map {
            CheckFailure(
                "Container \($0.name) in \(object.kind.lowercased()) \(object.name) (namespace: \(object.namespace)) uses an image from an untrusted registry.",
                at: $0.node)
        }
    }
}
