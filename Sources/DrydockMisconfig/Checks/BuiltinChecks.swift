/// Every built-in check, Dockerfile then Kubernetes, sorted by ID.
public enum BuiltinChecks {
    /// All built-in checks, deprecated ones included.
    public static let all: [Check] =
        (DockerChecks.all + KubernetesChecks.all + ControlPlaneChecks.all + AWSChecks.all + GoogleChecks.all
        + GoogleChecks.storage
        + GoogleComputeChecks.all + GoogleIAMChecks.all + GoogleGKEChecks.all + GoogleSQLChecks.all
        + GoogleNetworkChecks.all + GoogleProjectChecks.all + AzureChecks.all + AzureDatabaseChecks.all
        + AzureStorageChecks.all
        + AzureNetworkChecks.all + AzureKubernetesChecks.all
        + RemoteAccessChecks.all).sorted {
            $0.metadata.id < $1.metadata.id
        }

    /// The check answering to `id` (any spelling).
    public static func check(_ id: String) -> Check? {
        all.first { $0.metadata.answers(to: id) }
    }
}
