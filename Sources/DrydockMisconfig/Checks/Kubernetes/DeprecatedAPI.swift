/// A Kubernetes API version of a kind that is deprecated or removed.
struct DeprecatedAPI: Sendable {
    var apiVersion: String
    var kind: String
    /// The Kubernetes release that deprecated it (`1.16`).
    var deprecated: String
    /// The release that removed it.
    var removed: String
    /// The API version to use instead (`apps/v1`); empty when there is none.
    var replacement: String

    init(_ apiVersion: String, _ kind: String, deprecated: String, removed: String, replacement: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.deprecated = deprecated
        self.removed = removed
        self.replacement = replacement
    }

    /// Deprecated and removed APIs, after Kubernetes' deprecated API migration guide. (Trivy's own table
    /// files `extensions/v1beta1` kinds under `apps/v1beta1` and `apps/v1beta*` kinds under
    /// `autoscaling/v1beta*`, so it misses the most common old Deployments; this table does not.)
    static let table: [DeprecatedAPI] = [
        DeprecatedAPI(
            "admission.k8s.io/v1beta1", "AdmissionReview", deprecated: "1.19", removed: "1.22",
            replacement: "admission.k8s.io/v1"),
        DeprecatedAPI(
            "admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration", deprecated: "1.16", removed: "1.22",
            replacement: "admissionregistration.k8s.io/v1"),
        DeprecatedAPI(
            "admissionregistration.k8s.io/v1beta1", "ValidatingAdmissionPolicy", deprecated: "1.31", removed: "1.34",
            replacement: ""),
        DeprecatedAPI(
            "admissionregistration.k8s.io/v1beta1", "ValidatingAdmissionPolicyBinding", deprecated: "1.31",
            removed: "1.34", replacement: ""),
        DeprecatedAPI(
            "admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration", deprecated: "1.16",
            removed: "1.22", replacement: "admissionregistration.k8s.io/v1"),
        DeprecatedAPI(
            "apidiscovery/v2beta1", "APIGroupDiscovery", deprecated: "1.32", removed: "1.35", replacement: ""),
        DeprecatedAPI(
            "apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", deprecated: "1.16", removed: "1.22",
            replacement: "apiextensions.k8s.io/v1"),
        DeprecatedAPI(
            "apiregistration.k8s.io/v1beta1", "APIService", deprecated: "1.19", removed: "1.22",
            replacement: "apiregistration.k8s.io/v1"),
        DeprecatedAPI("apps/v1beta1", "ControllerRevision", deprecated: "1.8", removed: "1.16", replacement: "apps/v1"),
        DeprecatedAPI("apps/v1beta1", "Deployment", deprecated: "1.8", removed: "1.16", replacement: "apps/v1"),
        DeprecatedAPI("apps/v1beta1", "DeploymentRollback", deprecated: "1.8", removed: "1.16", replacement: "apps/v1"),
        DeprecatedAPI("apps/v1beta1", "Scale", deprecated: "1.8", removed: "1.16", replacement: "autoscaling/v1"),
        DeprecatedAPI("apps/v1beta1", "StatefulSet", deprecated: "1.8", removed: "1.16", replacement: "apps/v1"),
        DeprecatedAPI("apps/v1beta2", "ControllerRevision", deprecated: "1.9", removed: "1.16", replacement: "apps/v1"),
        DeprecatedAPI("apps/v1beta2", "DaemonSet", deprecated: "1.9", removed: "1.16", replacement: "apps/v1"),
        DeprecatedAPI("apps/v1beta2", "Deployment", deprecated: "1.9", removed: "1.16", replacement: "apps/v1"),
        DeprecatedAPI("apps/v1beta2", "ReplicaSet", deprecated: "1.9", removed: "1.16", replacement: "apps/v1"),
        DeprecatedAPI("apps/v1beta2", "Scale", deprecated: "1.9", removed: "1.16", replacement: "autoscaling/v1"),
        DeprecatedAPI("apps/v1beta2", "StatefulSet", deprecated: "1.9", removed: "1.16", replacement: "apps/v1"),
        DeprecatedAPI(
            "authentication.k8s.io/v1alpha1", "SelfSubjectReview", deprecated: "1.29", removed: "1.32", replacement: ""),
        DeprecatedAPI(
            "authentication.k8s.io/v1beta1", "SelfSubjectReview", deprecated: "1.30", removed: "1.33", replacement: ""),
        DeprecatedAPI(
            "authentication.k8s.io/v1beta1", "TokenReview", deprecated: "1.19", removed: "1.22",
            replacement: "authentication.k8s.io/v1"),
        DeprecatedAPI(
            "authorization.k8s.io/v1beta1", "LocalSubjectAccessReview", deprecated: "1.19", removed: "1.22",
            replacement: "authorization.k8s.io/v1"),
        DeprecatedAPI(
            "authorization.k8s.io/v1beta1", "SelfSubjectAccessReview", deprecated: "1.19", removed: "1.22",
            replacement: "authorization.k8s.io/v1"),
        DeprecatedAPI(
            "authorization.k8s.io/v1beta1", "SelfSubjectRulesReview", deprecated: "1.19", removed: "1.22",
            replacement: "authorization.k8s.io/v1"),
        DeprecatedAPI(
            "authorization.k8s.io/v1beta1", "SubjectAccessReview", deprecated: "1.19", removed: "1.22",
            replacement: "authorization.k8s.io/v1"),
        DeprecatedAPI(
            "autoscaling/v2beta1", "HorizontalPodAutoscaler", deprecated: "1.22", removed: "1.25",
            replacement: "autoscaling/v2"),
        DeprecatedAPI(
            "autoscaling/v2beta2", "HorizontalPodAutoscaler", deprecated: "1.23", removed: "1.26",
            replacement: "autoscaling/v2"),
        DeprecatedAPI("batch/v1beta1", "CronJob", deprecated: "1.21", removed: "1.25", replacement: "batch/v1"),
        DeprecatedAPI(
            "certificates.k8s.io/v1alpha1", "ClusterTrustBundle", deprecated: "1.29", removed: "1.32", replacement: ""),
        DeprecatedAPI(
            "certificates.k8s.io/v1beta1", "CertificateSigningRequest", deprecated: "1.19", removed: "1.22",
            replacement: "certificates.k8s.io/v1"),
        DeprecatedAPI(
            "coordination.k8s.io/v1beta1", "Lease", deprecated: "1.19", removed: "1.22",
            replacement: "coordination.k8s.io/v1"),
        DeprecatedAPI(
            "discovery.k8s.io/v1beta1", "EndpointSlice", deprecated: "1.21", removed: "1.25",
            replacement: "discovery.k8s.io/v1"),
        DeprecatedAPI("events/v1beta1", "Event", deprecated: "1.22", removed: "1.25", replacement: ""),
        DeprecatedAPI("extensions/v1beta1", "DaemonSet", deprecated: "1.8", removed: "1.16", replacement: "apps/v1"),
        DeprecatedAPI("extensions/v1beta1", "Deployment", deprecated: "1.8", removed: "1.16", replacement: "apps/v1"),
        DeprecatedAPI("extensions/v1beta1", "DeploymentRollback", deprecated: "1.8", removed: "1.16", replacement: ""),
        DeprecatedAPI(
            "extensions/v1beta1", "Ingress", deprecated: "1.14", removed: "1.22", replacement: "networking.k8s.io/v1"),
        DeprecatedAPI(
            "extensions/v1beta1", "NetworkPolicy", deprecated: "1.9", removed: "1.16",
            replacement: "networking.k8s.io/v1"),
        DeprecatedAPI(
            "extensions/v1beta1", "PodSecurityPolicy", deprecated: "1.10", removed: "1.16",
            replacement: "policy/v1beta1"),
        DeprecatedAPI("extensions/v1beta1", "ReplicaSet", deprecated: "1.8", removed: "1.16", replacement: "apps/v1"),
        DeprecatedAPI("extensions/v1beta1", "Scale", deprecated: "1.2", removed: "1.16", replacement: ""),
        DeprecatedAPI(
            "flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema", deprecated: "1.23", removed: "1.26",
            replacement: "flowcontrol.apiserver.k8s.io/v1beta3"),
        DeprecatedAPI(
            "flowcontrol.apiserver.k8s.io/v1beta1", "PriorityLevelConfiguration", deprecated: "1.23", removed: "1.26",
            replacement: "flowcontrol.apiserver.k8s.io/v1beta3"),
        DeprecatedAPI(
            "flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema", deprecated: "1.26", removed: "1.29",
            replacement: "flowcontrol.apiserver.k8s.io/v1beta3"),
        DeprecatedAPI(
            "flowcontrol.apiserver.k8s.io/v1beta2", "PriorityLevelConfiguration", deprecated: "1.26", removed: "1.29",
            replacement: "flowcontrol.apiserver.k8s.io/v1beta3"),
        DeprecatedAPI(
            "flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", deprecated: "1.29", removed: "1.32",
            replacement: "flowcontrol.apiserver.k8s.io/v1"),
        DeprecatedAPI(
            "flowcontrol.apiserver.k8s.io/v1beta3", "PriorityLevelConfiguration", deprecated: "1.29", removed: "1.32",
            replacement: "flowcontrol.apiserver.k8s.io/v1"),
        DeprecatedAPI("networking.k8s.io/v1alpha1", "IPAddress", deprecated: "1.30", removed: "1.33", replacement: ""),
        DeprecatedAPI(
            "networking.k8s.io/v1alpha1", "ServiceCIDR", deprecated: "1.30", removed: "1.33", replacement: ""),
        DeprecatedAPI(
            "networking.k8s.io/v1beta1", "Ingress", deprecated: "1.19", removed: "1.22",
            replacement: "networking.k8s.io/v1"),
        DeprecatedAPI(
            "networking.k8s.io/v1beta1", "IngressClass", deprecated: "1.19", removed: "1.22",
            replacement: "networking.k8s.io/v1"),
        DeprecatedAPI("node/v1beta1", "RuntimeClass", deprecated: "1.22", removed: "1.25", replacement: ""),
        DeprecatedAPI("policy/v1beta1", "Eviction", deprecated: "1.22", removed: "1.25", replacement: ""),
        DeprecatedAPI(
            "policy/v1beta1", "PodDisruptionBudget", deprecated: "1.21", removed: "1.25", replacement: "policy/v1"),
        DeprecatedAPI("policy/v1beta1", "PodSecurityPolicy", deprecated: "1.21", removed: "1.25", replacement: ""),
        DeprecatedAPI(
            "rbac.authorization.k8s.io/v1beta1", "ClusterRole", deprecated: "1.17", removed: "1.22",
            replacement: "rbac.authorization.k8s.io/v1"),
        DeprecatedAPI(
            "rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding", deprecated: "1.17", removed: "1.22",
            replacement: "rbac.authorization.k8s.io/v1"),
        DeprecatedAPI(
            "rbac.authorization.k8s.io/v1beta1", "Role", deprecated: "1.17", removed: "1.22",
            replacement: "rbac.authorization.k8s.io/v1"),
        DeprecatedAPI(
            "rbac.authorization.k8s.io/v1beta1", "RoleBinding", deprecated: "1.17", removed: "1.22",
            replacement: "rbac.authorization.k8s.io/v1"),
        DeprecatedAPI(
            "scheduling.k8s.io/v1beta1", "PriorityClass", deprecated: "1.14", removed: "1.22",
            replacement: "scheduling.k8s.io/v1"),
        DeprecatedAPI(
            "storage.k8s.io/v1alpha1", "CSIStorageCapacity", deprecated: "1.21", removed: "1.24",
            replacement: "storage.k8s.io/v1beta1"),
        DeprecatedAPI(
            "storage.k8s.io/v1alpha1", "VolumeAttachment", deprecated: "1.21", removed: "1.24",
            replacement: "storage.k8s.io/v1"),
        DeprecatedAPI(
            "storage.k8s.io/v1alpha1", "VolumeAttributesClass", deprecated: "1.32", removed: "1.35", replacement: ""),
        DeprecatedAPI(
            "storage.k8s.io/v1beta1", "CSIDriver", deprecated: "1.19", removed: "1.22", replacement: "storage.k8s.io/v1"
        ),
        DeprecatedAPI(
            "storage.k8s.io/v1beta1", "CSINode", deprecated: "1.17", removed: "1.22", replacement: "storage.k8s.io/v1"),
        DeprecatedAPI(
            "storage.k8s.io/v1beta1", "CSIStorageCapacity", deprecated: "1.24", removed: "1.27",
            replacement: "storage.k8s.io/v1"),
        DeprecatedAPI(
            "storage.k8s.io/v1beta1", "StorageClass", deprecated: "1.19", removed: "1.22",
            replacement: "storage.k8s.io/v1"),
        DeprecatedAPI(
            "storage.k8s.io/v1beta1", "VolumeAttachment", deprecated: "1.19", removed: "1.22",
            replacement: "storage.k8s.io/v1"),
    ]
}
