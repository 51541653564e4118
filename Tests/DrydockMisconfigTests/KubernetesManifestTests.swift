import DrydockMisconfig
import Testing

@Suite struct KubernetesManifestTests {
    @Test func jsonManifestsListsAndPodTemplatesOfEveryWorkloadKind() throws {
        let json = """
            {"apiVersion": "v1", "kind": "List", "items": [
              {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "nightly"},
               "spec": {"jobTemplate": {"spec": {"template": {"spec": {
                 "containers": [{"name": "job", "image": "busybox:1.36"}],
                 "initContainers": [{"name": "init", "image": "busybox:1.36"}]}}}}}},
              {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"}, "spec": {}}
            ]}
            """
        let manifest = try KubernetesManifest.parse(json)
        #expect(manifest.objects.map(\.resourceName) == ["CronJob/nightly", "Service/web"])
        let cron = manifest.objects[0]
        #expect(cron.containers.map(\.name) == ["job", "init"])
        #expect(cron.containers.map(\.isInit) == [false, true])
        #expect(cron.range.start == 2)
        #expect(manifest.objects[1].containers.isEmpty)
        for kind in ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"] {
            let text =
                "apiVersion: apps/v1\nkind: \(kind)\nmetadata: {name: x}\n"
                + "spec:\n  template:\n    spec:\n      containers: [{name: c, image: i}]\n"
            #expect(try KubernetesManifest.parse(text).objects.first?.containers.map(\.name) == ["c"], "\(kind)")
        }
    }

    @Test func podSecurityContextIsInheritedWhereKubernetesInheritsIt() throws {
        let text = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              securityContext: {runAsUser: 1000, fsGroup: 2000}
              containers:
                - name: a
                  image: i
                - name: b
                  image: i
                  securityContext: {runAsUser: 0}

            """
        let containers = try #require(try KubernetesManifest.parse(text).objects.first).containers
        #expect(containers[0].securityContext("runAsUser")?.int == 1000)
        #expect(containers[0].securityContext("fsGroup") == nil, "fsGroup is pod-level only")
        #expect(containers[1].securityContext("runAsUser")?.int == 0)
        #expect(containers[0].hasEffectiveSecurityContext)
    }

    @Test func documentsThatAreNotObjectsAreSkipped() throws {
        let text =
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n---\nfoo: bar\n"
        #expect(try KubernetesManifest.parse(text).objects.isEmpty)
    }
}

@Suite struct AttributePathTests {
    @Test func wildcardsIndexesAndBrackets() throws {
        let root = try #require(try YAMLTree.parse("a:\n  - {b: 1}\n  - {b: 2}\nm: {x: 1, y: 2}\n").first?.root)
        #expect(AttributePath("a.*.b").values(in: root).compactMap(\.int) == [1, 2])
        #expect(AttributePath("a[1].b").values(in: root).compactMap(\.int) == [2])
        #expect(AttributePath("a[*].b").values(in: root).count == 2)
        #expect(AttributePath("m.*").values(in: root).compactMap(\.int) == [1, 2])
        #expect(AttributePath("a.5.b").values(in: root).isEmpty)
    }
}
