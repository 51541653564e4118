/// The built-in Kubernetes checks, with Trivy's IDs: its general set and the Pod Security Standards.
public enum KubernetesChecks {
    /// Every built-in Kubernetes check.
    public static let all: [Check] = [
        privilegeEscalation, appArmor, dropAllCapabilities, dropAnyCapability, sysAdmin, dockerSocket, hostAliases,
        hostIPC, hostNetwork, hostPID, cpuLimit, runAsNonRoot, imageTag, readOnlyRootFilesystem, cpuRequest,
        memoryRequest, privileged, memoryLimit, highUID, highGID, capabilitiesAdded, hostPathVolumes, hostPorts,
        seLinux,
        unsafeSysctls, procMount, nonCoreVolumes, seccompRuntimeDefault, azureRegistry, gcrRegistry, publicRegistry,
        ecrRegistry, serviceAccountToken, kubeSystem, networkPolicySelectors, limitRange, resourceQuota, manageSecrets,
        deletePodLogs, impersonateGroups, wildcardEverything, wildcardVerb, manageAllResources, nodeProxy,
        manageWorkloads, manageConfigMaps, rbacEscalation, bindPrivilegedRole, bindClusterRole, execIntoPods,
        attachToPods, editRoleBindings, manageNetworking, configMapSensitive, authenticatedBinding, tiller, hostProcess,
        seccompUnconfined, rootUID, onlyNetBindService, deprecatedAPIs, externalIPs, configMapSecrets, defaultNamespace,
        adminBinding, manageNamespace, manageNamespaceSecrets, manageWebhooks, manageAWSAuth, rootGroup,
        privilegedPorts, defaultSecurityContext, netRaw, sysModule, disallowedHostPaths, anonymousBinding,
        mastersBinding, gatekeeperRepos, trustedRegistry, ingressNginxAnnotations,
    ]
}
