/// The built-in AWS checks (Trivy's `AWS-…` IDs), for Terraform and CloudFormation.
enum AWSChecks {
    static var all: [Check] {
        s3 + iam + passwordPolicies + ec2 + services + AWSLaunchChecks.all + AWSVPCChecks.all + AWSDatabaseChecks.all
            + AWSAuditChecks.all + AWSIAMPrincipalChecks.all
    }
}
