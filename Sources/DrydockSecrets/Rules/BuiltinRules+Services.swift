import DrydockModel

extension BuiltinRules {
    /// A UUID-like value of the letters `a`–`h` and digits (Trivy's pattern for several client IDs).
    static let hexishUUID = "[a-h0-9]{8}-[a-h0-9]{4}-[a-h0-9]{4}-[a-h0-9]{4}-[a-h0-9]{12}"

    /// Trivy's rules from `asana-client-id` to `mailgun-signing-key`, in its order.
    static let serviceTokens: [SecretRule] = [
        keyedRule("asana-client-id", "Asana", "Asana Client ID", .medium, service: "asana", secret: "[0-9]{16}"),
        keyedRule(
            "asana-client-secret", "Asana", "Asana Client Secret", .medium, service: "asana", secret: "[a-z0-9]{32}"),
        keyedRule(
            "atlassian-api-token", "Atlassian", "Atlassian API token", .high, service: "atlassian",
            secret: "[a-z0-9]{24}"),
        keyedRule(
            "bitbucket-client-id", "Bitbucket", "Bitbucket client ID", .high, service: "bitbucket",
            secret: "[a-z0-9]{32}"),
        keyedRule(
            "bitbucket-client-secret", "Bitbucket", "Bitbucket client secret", .high, service: "bitbucket",
            secret: #"[a-z0-9_\-]{64}"#),
        keyedRule(
            "beamer-api-token", "Beamer", "Beamer API token", .low, service: "beamer", secret: #"b_[a-z0-9=_\-]{44}"#),
        literalRule(
            "clojars-api-token", "Clojars", "Clojars API token", .medium, #"CLOJARS_(?i)[a-z0-9]{60}"#,
            keywords: ["CLOJARS_"]),
        keyedRule(
            "contentful-delivery-api-token", "ContentfulDelivery", "Contentful delivery API token", .low,
            service: "contentful", secret: #"[a-z0-9\-=_]{43}"#),
        literalRule(
            "databricks-api-token", "Databricks", "Databricks API token", .medium, #"dapi[a-h0-9]{32}"#,
            keywords: ["dapi"], followedBy: .characters("a-h0-9", count: 32)),
        keyedRule(
            "discord-api-token", "Discord", "Discord API key", .medium, service: "discord", secret: "[a-h0-9]{64}"),
        keyedRule(
            "discord-client-id", "Discord", "Discord client ID", .medium, service: "discord", secret: "[0-9]{18}"),
        keyedRule(
            "discord-client-secret", "Discord", "Discord client secret", .medium, service: "discord",
            secret: #"[a-z0-9=_\-]{32}"#),
        literalRule(
            "doppler-api-token", "Doppler", "Doppler API token", .medium, #"["']dp\.pt\.(?i)[a-z0-9]{43}["']"#,
            keywords: ["dp.pt."]),
        keyedRule(
            "dropbox-api-secret", "Dropbox", "Dropbox API secret/key", .high, service: "dropbox",
            secret: "[a-z0-9]{15}", grouped: false),
        keyedRule(
            "dropbox-short-lived-api-token", "Dropbox", "Dropbox short lived API token", .high, service: "dropbox",
            secret: #"sl\.[a-z0-9\-=_]{135}"#, grouped: false),
        keyedRule(
            "dropbox-long-lived-api-token", "Dropbox", "Dropbox long lived API token", .high, service: "dropbox",
            secret: #"[a-z0-9]{11}AAAAAAAAAA[a-z0-9\-_=]{43}"#, grouped: false),
        literalRule(
            "duffel-api-token", "Duffel", "Duffel API token", .low,
            #"["']duffel_(?:test|live)_(?i)[a-z0-9_\-]{43}["']"#,
            keywords: ["duffel_test_", "duffel_live_"]),
        literalRule(
            "dynatrace-api-token", "Dynatrace", "Dynatrace API token", .medium,
            #"["']dt0c01\.(?i)[a-z0-9]{24}\.[a-z0-9]{64}["']"#, keywords: ["dt0c01."]),
        // Test keys start `EZTK`; Trivy's keywords name `EZAT`, which no EasyPost key starts with.
        literalRule(
            "easypost-api-token", "Easypost", "EasyPost API token", .low, #"["']EZ[AT]K(?i)[a-z0-9]{54}["']"#,
            keywords: ["EZAK", "EZTK"]),
        keyedRule(
            "fastly-api-token", "Fastly", "Fastly API token", .medium, service: "fastly",
            secret: #"[a-z0-9\-=_]{32}"#),
        keyedRule(
            "finicity-client-secret", "Finicity", "Finicity client secret", .medium, service: "finicity",
            secret: "[a-z0-9]{20}"),
        keyedRule(
            "finicity-api-token", "Finicity", "Finicity API token", .medium, service: "finicity",
            secret: "[a-f0-9]{32}"),
        groupRule(
            "flutterwave-public-key", "Flutterwave", "Flutterwave public/secret key", .medium,
            wordStart + #"(?<secret>FLW(?:PUB|SEC)K_TEST-(?i)[a-h0-9]{32}-X)"#,
            keywords: ["FLWSECK_TEST-", "FLWPUBK_TEST-"]),
        groupRule(
            "flutterwave-enc-key", "Flutterwave", "Flutterwave encrypted key", .medium,
            wordStart + #"(?<secret>FLWSECK_TEST[a-h0-9]{12})"#, keywords: ["FLWSECK_TEST"]),
        literalRule(
            "frameio-api-token", "Frameio", "Frame.io API token", .low, #"fio-u-(?i)[a-z0-9\-_=]{64}"#,
            keywords: ["fio-u-"]),
        literalRule(
            "gocardless-api-token", "GoCardless", "GoCardless API token", .medium,
            #"["']live_(?i)[a-z0-9\-_=]{40}["']"#, keywords: ["live_"],
            followedBy: .characters("a-zA-Z0-9_=-", count: 40)),
        literalRule(
            "grafana-api-token", "Grafana", "Grafana API token", .medium, #"["']?eyJrIjoi(?i)[a-z0-9\-_=]{72,92}["']?"#,
            keywords: ["eyJrIjoi"]),
        SecretRule(
            id: "hashicorp-tf-api-token", category: "HashiCorp", title: "HashiCorp Terraform user/org API token",
            severity: .medium, pattern: #"["'](?i)[a-z0-9]{14}\.atlasv1\.[a-z0-9\-_=]{60,70}["']"#,
            keywords: ["atlasv1."]),
        keyedRule(
            "hubspot-api-token", "HubSpot", "HubSpot API token", .low, service: "hubspot", secret: hexishUUID),
        keyedRule(
            "intercom-api-token", "Intercom", "Intercom API token", .low, service: "intercom",
            secret: "[a-z0-9=_]{60}"),
        keyedRule(
            "intercom-client-secret", "Intercom", "Intercom client secret/ID", .low, service: "intercom",
            secret: hexishUUID),
        // Trivy gives this rule no severity: it is reported as UNKNOWN.
        keyedRule(
            "ionic-api-token", "Ionic", "Ionic API token", .unknown, service: "ionic", secret: "ion_[a-z0-9]{42}",
            grouped: false),
        // A JWT, but not the one inside a stateless `ghs_` GitHub App token (reported by github-app-token).
        SecretRule(
            id: "jwt-token", category: "JWT", title: "JWT token", severity: .medium,
            pattern: #"(?:ghs_[0-9]+_)?(?<secret>ey[a-zA-Z0-9]{17,}\.ey[a-zA-Z0-9/\\_\-]{17,}\."#
                + #"(?:[a-zA-Z0-9/\\_\-]{10,}={0,2})?)"#,
            secretGroup: "secret", keywords: [".eyJ"],
            allowRules: [
                SecretAllowRule(
                    id: "stateless-ghs-jwt",
                    description: "Avoid double-reporting the JWT embedded in a stateless ghs_ GitHub App token",
                    regex: "^ghs_")
            ], reach: .wholeFile),
        literalRule(
            "linear-api-token", "Linear", "Linear API token", .medium, #"lin_api_(?i)[a-z0-9]{40}"#,
            keywords: ["lin_api_"]),
        keyedRule(
            "linear-client-secret", "Linear", "Linear client secret/ID", .medium, service: "linear",
            secret: "[a-f0-9]{32}"),
        keyedRule("lob-api-key", "Lob", "Lob API Key", .low, service: "lob", secret: "(?:live|test)_[a-f0-9]{35}"),
        keyedRule(
            "lob-pub-api-key", "Lob", "Lob Publishable API Key", .low, service: "lob",
            secret: "(?:test|live)_pub_[a-f0-9]{31}"),
        keyedRule(
            "mailchimp-api-key", "Mailchimp", "Mailchimp API key", .medium, service: "mailchimp",
            secret: "[a-f0-9]{32}-us20"),
        keyedRule(
            "mailgun-token", "Mailgun", "Mailgun private API token", .medium, service: "mailgun",
            secret: "(?:pub)?key-[a-f0-9]{32}"),
        keyedRule(
            "mailgun-signing-key", "Mailgun", "Mailgun webhook signing key", .medium, service: "mailgun",
            secret: "[a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8}"),
    ]
}
