import DrydockModel

extension BuiltinRules {
    /// Trivy's rules from `aws-access-key-id` to `alibaba-secret-key`, in its order.
    static let tokensAndKeys: [SecretRule] = [
        groupRule(
            "aws-access-key-id", "AWS", "AWS Access Key ID", .critical,
            wordStart + #"(?<secret>(?:A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16})"#
                + #"["']?[.,]?(?:\s+|$)"#,
            keywords: ["A3T", "AKIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "ASIA"],
            followedBy: .characters("A-Z0-9", count: 16)),
        // Trivy's keyword is `key`; every match also holds `aws`, a far rarer word, which finds the same.
        SecretRule(
            id: "aws-secret-access-key", category: "AWS", title: "AWS Secret Access Key", severity: .critical,
            pattern: #"(?i)["']?aws_?(?:sec(?:ret)?)?_?(?:access)?_?key["']?\s*(?::|=>|=)?\s*["']?["']?"#
                + #"(?<secret>[A-Za-z0-9/+=]{40})["']?[.,]?(?:\s+|$)"#,
            secretGroup: "secret", keywords: ["aws"]),
        groupRule(
            "github-pat", "GitHub", "GitHub Personal Access Token", .critical,
            wordStart + #"(?<secret>ghp_[0-9a-zA-Z]{36})"#, keywords: ["ghp_"]),
        groupRule(
            "github-oauth", "GitHub", "GitHub OAuth Access Token", .critical,
            wordStart + #"(?<secret>gho_[0-9a-zA-Z]{36})"#, keywords: ["gho_"]),
        // `ghu_` tokens have 36 characters; stateless `ghs_` installation tokens are `ghs_<app ID>_<JWT>`.
        groupRule(
            "github-app-token", "GitHub", "GitHub App Token", .critical,
            wordStart + #"(?<secret>ghu_[0-9a-zA-Z]{36}|ghs_[0-9a-zA-Z._\-]{36,})"#, keywords: ["ghu_", "ghs_"]),
        groupRule(
            "github-refresh-token", "GitHub", "GitHub Refresh Token", .critical,
            wordStart + #"(?<secret>ghr_[0-9a-zA-Z]{76})"#, keywords: ["ghr_"]),
        literalRule(
            "github-fine-grained-pat", "GitHub", "GitHub Fine-grained personal access tokens", .critical,
            #"github_pat_[a-zA-Z0-9]{22}_[a-zA-Z0-9]{59}"#, keywords: ["github_pat_"]),
        groupRule(
            "gitlab-pat", "GitLab", "GitLab Personal Access Token", .critical,
            wordStart + #"(?<secret>glpat-[0-9a-zA-Z_\-]{20})"#, keywords: ["glpat-"]),
        groupRule(
            "hugging-face-access-token", "HuggingFace", "Hugging Face Access Token", .critical,
            wordStart + #"(?<secret>hf_[A-Za-z0-9]{34,40})"# + wordEnd, keywords: ["hf_"],
            followedBy: .characters("A-Za-z0-9", count: 34)),
        // Multi-line: from BEGIN to END. Every match holds "PRIVATE KEY" (Trivy's keyword is "-----").
        SecretRule(
            id: "private-key", category: "AsymmetricPrivateKey", title: "Asymmetric Private Key", severity: .high,
            pattern: #"(?i)-----\s*?BEGIN[ A-Z0-9_\-]*?PRIVATE KEY(?: BLOCK)?\s*?-----\s*?"#
                + #"(?<secret>[A-Za-z0-9=+/\\][A-Za-z0-9=+/\\\s]{30,}[A-Za-z0-9=+/\\])\s*?"#
                + #"-----\s*?END[ A-Z0-9_\-]*? PRIVATE KEY(?: BLOCK)?\s*?-----"#,
            secretGroup: "secret", keywords: ["private key"], reach: .wholeFile),
        literalRule(
            "shopify-token", "Shopify", "Shopify token", .high, #"shp(?:ss|at|ca|pa)_[a-fA-F0-9]{32}"#,
            keywords: ["shpss_", "shpat_", "shpca_", "shppa_"]),
        groupRule(
            "slack-access-token", "Slack", "Slack token", .high,
            wordStart + #"(?<secret>xox[baprs]-[0-9a-zA-Z]{10,48})"#,
            keywords: ["xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-"]),
        SecretRule(
            id: "stripe-publishable-token", category: "Stripe", title: "Stripe Publishable Key", severity: .low,
            pattern: wordStart + #"(?<secret>(?i)pk_(?:test|live)_[0-9a-z]{10,32})"#, secretGroup: "secret",
            keywords: ["pk_test_", "pk_live_"], afterKeyword: .characters("0-9a-zA-Z", count: 10)),
        SecretRule(
            id: "stripe-secret-token", category: "Stripe", title: "Stripe Secret Key", severity: .critical,
            pattern: wordStart + #"(?<secret>(?i)sk_(?:test|live)_[0-9a-z]{10,32})"#, secretGroup: "secret",
            keywords: ["sk_test_", "sk_live_"], afterKeyword: .characters("0-9a-zA-Z", count: 10)),
        literalRule(
            "pypi-upload-token", "PyPI", "PyPI upload token", .high,
            #"pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,1000}"#, keywords: ["pypi-AgEIcHlwaS5vcmc"]),
        literalRule(
            "gcp-service-account", "Google", "Google (GCP) Service-account", .critical,
            #""type": "service_account""#, keywords: [#""type": "service_account""#]),
        // Trivy's pattern wants a space before "heroku", so a key at the start of a line goes unseen.
        keyedRule(
            "heroku-api-key", "Heroku", "Heroku API Key", .high, service: "heroku",
            secret: #"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"#),
        literalRule(
            "slack-web-hook", "Slack", "Slack Webhook", .medium,
            #"https://hooks\.slack\.com/services/[A-Za-z0-9+/]{44,48}"#, keywords: ["hooks.slack.com"]),
        literalRule(
            "twilio-api-key", "Twilio", "Twilio API Key", .medium, #"SK[0-9a-fA-F]{32}"#, keywords: ["SK"],
            followedBy: .characters("0-9a-fA-F", count: 32)),
        literalRule(
            "age-secret-key", "Age", "Age secret key", .medium,
            #"AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}"#, keywords: ["AGE-SECRET-KEY-1"]),
        keyedRule(
            "facebook-token", "Facebook", "Facebook token", .low, service: "facebook", secret: "[a-f0-9]{32}"),
        keyedRule(
            "twitter-token", "Twitter", "Twitter token", .low, service: "twitter", secret: "[a-f0-9]{35,44}"),
        keyedRule(
            "adobe-client-id", "Adobe", "Adobe Client ID (Oauth Web)", .low, service: "adobe",
            secret: "[a-f0-9]{32}"),
        literalRule(
            "adobe-client-secret", "Adobe", "Adobe Client Secret", .low, #"p8e-(?i)[a-z0-9]{32}"#,
            keywords: ["p8e-"]),
        groupRule(
            "alibaba-access-key-id", "Alibaba", "Alibaba AccessKey ID", .high,
            #"(?<![0-9A-Za-z])(?<secret>LTAI(?i)[a-z0-9]{20})(?![0-9A-Za-z])"#, keywords: ["LTAI"],
            followedBy: .characters("a-zA-Z0-9", count: 20)),
        keyedRule(
            "alibaba-secret-key", "Alibaba", "Alibaba Secret Key", .high, service: "alibaba",
            secret: "[a-z0-9]{30}"),
    ]
}
