/// The built-in Dockerfile checks, with Trivy's IDs.
public enum DockerChecks {
    /// Every built-in Dockerfile check, by ID.
    public static let all: [Check] = [
        latestTag, rootUser, port22, addInsteadOfCopy, copyFromCurrentStage, multipleEntrypoints, portOutOfRange,
        relativeWorkdir, sudo, copyDestinationSlash, duplicateAliases, cdInRun, curlAndWget, yumClean, multipleCmds,
        orphanUpdate, dnfClean, zypperClean, aptGetYes, maintainer, multipleHealthchecks, distUpgrade, apkNoCache,
        noHealthcheck, microdnfClean, aptGetNoRecommends, systemWorkdir, leakedSecrets, pipeToShell,
    ]
}
