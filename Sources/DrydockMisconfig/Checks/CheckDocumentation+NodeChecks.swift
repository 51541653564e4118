extension CheckDocumentation {
    /// The section listing Trivy's checks Drydock does not run because no file holds their input.
    static func notApplicableSection() -> String {
        var out = """
            ## Not applicable to files

            Trivy's `KCV-0048` … `KCV-0092` read the `NodeInfo` document that Trivy's node collector gathers on a
            live node during `trivy k8s` (file modes and owners, the kubelet's flags and configuration). No manifest,
            Dockerfile or image file has that shape, so Drydock does not run them; their findings need a scan of the
            node itself. The control-plane checks that read static pod manifests (`KCV-0001` … `KCV-0047`) are above.

            | IDs | What they read |
            |---|---|

            """
        for range in ControlPlaneChecks.nodeChecks {
            out +=
                "| \(ControlPlaneChecks.kcv(range.first)) … \(ControlPlaneChecks.kcv(range.last)) | \(range.reads) |\n"
        }
        return out
    }
}
