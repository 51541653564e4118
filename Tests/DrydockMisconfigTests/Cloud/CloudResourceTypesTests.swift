import Foundation
import Testing

@testable import DrydockMisconfig

/// The resource-type table `docs/checks.md` shows agrees with the checks and their examples.
@Suite struct CloudResourceTypesTests {
    /// Resource types examples declare only to be referred to (a service account whose email is used) or to show
    /// the narrower alternative that passes (a grant on one service account rather than the project).
    static let referencedOnly: Set<String> = ["google_service_account", "google_service_account_iam_member"]

    func declaredTypes(_ example: String) -> [String] {
        if CloudExamples.isCloudFormation(example) {
            return example.split(separator: "\n").compactMap { line in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                return trimmed.hasPrefix("Type: ") ? String(trimmed.dropFirst(6)) : nil
            }
        }
        return example.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("resource \"") else { return nil }
            return line.split(separator: "\"").dropFirst().first.map(String.init)
        }
    }

    @Test func everyCloudCheckKindAndExampleTypeIsListed() {
        let cloud = BuiltinChecks.all.filter(\.metadata.readsCloudObjects)
        #expect(cloud.count >= 92)
        for check in cloud {
            let id = check.metadata.id
            for kind in check.metadata.kinds {
                #expect(CloudResourceTypes.byKind[kind] != nil, "\(id): kind \(kind) has no resource types")
            }
            let listed = CloudResourceTypes.types(of: check.metadata.kinds)
            let known = Set(listed.terraform + listed.cloudFormation).union(Self.referencedOnly)
            for example in check.examples.failing + check.examples.passing {
                for type in declaredTypes(example) {
                    #expect(known.contains(type), "\(id): example declares \(type), not listed for its kinds")
                }
            }
        }
    }

    @Test func documentationShowsResourceTypesNotModelKinds() {
        let page = CheckDocumentation.markdown()
        #expect(page.contains("| Terraform `aws_s3_bucket`; CloudFormation `AWS::S3::Bucket` |"))
        #expect(page.contains("`aws_s3_bucket_versioning`"))
        #expect(!page.contains("terraform: aws.s3.bucket"))
    }
}
