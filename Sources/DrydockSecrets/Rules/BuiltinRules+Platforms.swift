import DrydockModel

extension BuiltinRules {
    /// Maven settings files, wherever they are (`settings.xml`).
    static let mavenSettingsPath = #"(?i)(?:^|[/\\])settings\.xml$"#

    /// Trivy's rules from `mapbox-api-token` to `openai-realtime-client-secret`, in its order.
    static let platformTokens: [SecretRule] =
        [
            SecretRule(
                id: "mapbox-api-token", category: "Mapbox", title: "Mapbox API token", severity: .medium,
                pattern: #"(?i)pk\.[a-z0-9]{60}\.[a-z0-9]{22}"#, keywords: ["pk."],
                afterKeyword: .characters("a-zA-Z0-9", count: 60)),
            keyedRule(
                "messagebird-api-token", "MessageBird", "MessageBird API token", .medium, service: "messagebird",
                secret: "[a-z0-9]{25}"),
            keyedRule(
                "messagebird-client-id", "MessageBird", "MessageBird API client ID", .medium, service: "messagebird",
                secret: hexishUUID),
            literalRule(
                "new-relic-user-api-key", "NewRelic", "New Relic user API Key", .medium, #"["']NRAK-[A-Z0-9]{27}["']"#,
                keywords: ["NRAK-"]),
            keyedRule(
                "new-relic-user-api-id", "NewRelic", "New Relic user API ID", .medium, service: "newrelic",
                secret: "[A-Z0-9]{64}"),
            literalRule(
                "new-relic-browser-api-token", "NewRelic", "New Relic ingest browser API token", .medium,
                #"["']NRJS-[a-f0-9]{19}["']"#, keywords: ["NRJS-"]),
            literalRule(
                "npm-access-token", "Npm", "npm access token", .critical, #"["']npm_(?i)[a-z0-9]{36}["']"#,
                keywords: ["npm_"], followedBy: .characters("a-zA-Z0-9", count: 36)),
            literalRule(
                "planetscale-password", "Planetscale", "PlanetScale password", .medium,
                #"pscale_pw_(?i)[a-z0-9\-_.]{43}"#, keywords: ["pscale_pw_"]),
            literalRule(
                "planetscale-api-token", "Planetscale", "PlanetScale API token", .medium,
                #"pscale_tkn_(?i)[a-z0-9\-_.]{43}"#, keywords: ["pscale_tkn_"]),
            // Every token starts `packagist_`, followed by `out_`, `ort_` or `uut_`.
            literalRule(
                "private-packagist-token", "Private Packagist", "Private Packagist token", .high,
                #"packagist_[ou][ru]t_(?i)[a-f0-9]{68}"#, keywords: ["packagist_"]),
            literalRule(
                "postman-api-token", "Postman", "Postman API token", .medium, #"PMAK-(?i)[a-f0-9]{24}\-[a-f0-9]{34}"#,
                keywords: ["PMAK-"]),
            literalRule(
                "pulumi-api-token", "Pulumi", "Pulumi API token", .high, #"pul-[a-f0-9]{40}"#, keywords: ["pul-"],
                followedBy: .characters("a-f0-9", count: 40)),
            literalRule(
                "rubygems-api-token", "RubyGems", "Rubygem API token", .medium, #"rubygems_[a-f0-9]{48}"#,
                keywords: ["rubygems_"]),
            literalRule(
                "sendgrid-api-token", "SendGrid", "SendGrid API token", .medium, #"SG\.(?i)[a-z0-9_\-.]{66}"#,
                keywords: ["SG."], followedBy: .characters("a-zA-Z0-9_.-", count: 66)),
            literalRule(
                "sendinblue-api-token", "Sendinblue", "Sendinblue API token", .low,
                #"xkeysib-[a-f0-9]{64}\-(?i)[a-z0-9]{16}"#, keywords: ["xkeysib-"]),
            literalRule(
                "shippo-api-token", "Shippo", "Shippo API token", .low, #"shippo_(?:live|test)_[a-f0-9]{40}"#,
                keywords: ["shippo_live_", "shippo_test_"]),
            keyedRule(
                "linkedin-client-secret", "LinkedIn", "LinkedIn Client secret", .low, service: "linkedin",
                secret: "[a-z]{16}"),
            keyedRule(
                "linkedin-client-id", "LinkedIn", "LinkedIn Client ID", .low, service: "linkedin",
                secret: "[a-z0-9]{14}"),
            keyedRule(
                "twitch-api-token", "Twitch", "Twitch API token", .low, service: "twitch", secret: "[a-z0-9]{30}"),
            keyedRule(
                "typeform-api-token", "Typeform", "Typeform API token", .low, service: "typeform",
                secret: #"tfp_[a-z0-9\-_.=]{59}"#, quoted: false),
            SecretRule(
                id: "dockerconfig-secret", category: "Docker", title: "Dockerconfig secret exposed", severity: .high,
                pattern: #"(?i)\.(?:dockerconfigjson|dockercfg):\s*\|*\s*(?<secret>(?:ey|ew)+[A-Za-z0-9/+=]+)"#,
                secretGroup: "secret", keywords: ["dockerc"]),
            literalRule(
                "symfony-default-secret", "Symfony", "Symfony Default Secret", .high,
                #"ThisTokenIsNotSoSecretChangeIt|ThisEzPlatformTokenIsNotSoSecret_PleaseChangeIt"#,
                keywords: ["TokenIsNotSoSecret"]),
        ] + azureRules + mavenRules + openAIRules

    /// Trivy's Azure rules.
    static let azureRules: [SecretRule] = [
        SecretRule(
            id: "azure-storage-account-key", category: "Azure", title: "Azure Storage Account Key",
            severity: .critical, pattern: #"(?i)AccountKey\s*=\s*(?<secret>[A-Za-z0-9+/]{86}==)"#,
            secretGroup: "secret", keywords: ["AccountKey"]),
        groupRule(
            "azure-sas-token", "Azure", "Azure Shared Access Signature Token", .high,
            #"sv=\d{4}-\d{2}-\d{2}(?:[&;][a-z]+=[^&\s'"]*){1,12}[&;]sig=(?<secret>[A-Za-z0-9%+/=]{40,})"#,
            keywords: ["sig=", "sv="]),
        SecretRule(
            id: "azure-devops-pat", category: "Azure", title: "Azure DevOps Personal Access Token", severity: .high,
            pattern: #"(?i)(?:azure[_\-]?devops|ado)[_\-]?(?:pat|token|personal.?access.?token)\s*[:=]\s*["']?"#
                + #"(?<secret>[a-z2-7]{52})["']?"#,
            secretGroup: "secret",
            keywords: ["azure_devops", "azuredevops", "azure-devops", "ado_pat", "ado_token", "ado-pat", "ado-token"],
            reach: .wholeFile),
        groupRule(
            "azure-entra-client-secret", "Azure", "Azure Entra ID Client Secret", .critical,
            #"(?<![a-zA-Z0-9_~.\-])(?<secret>[a-zA-Z0-9_~.\-]{3}8Q~[a-zA-Z0-9_~.\-]{34})(?![a-zA-Z0-9_~.\-])"#,
            keywords: ["8Q~"], followedBy: .characters("a-zA-Z0-9_~.-", count: 34)),
        groupRule(
            "azure-container-registry-credential", "Azure", "Azure Container Registry Credential", .critical,
            #"(?<secret>[A-Za-z0-9+/]{52}JQQJ99C[A-Z]ACYeBjFEqg7NAAA[A-Z]AZCR[A-Za-z0-9+/]{4})"#,
            keywords: ["ACYeBjFEqg7NAAA"]),
        SecretRule(
            id: "azure-container-registry-password", category: "Azure", title: "Azure Container Registry Password",
            severity: .critical,
            pattern: #"(?i)azurecr\.io[^\n]{0,100}(?:password|pwd)\s*[:=]\s*["']?(?<secret>[a-zA-Z0-9+/]{32})["']?"#,
            secretGroup: "secret", keywords: ["azurecr.io"]),
        SecretRule(
            id: "azure-app-config-connection-string", category: "Azure",
            title: "Azure App Configuration Connection String", severity: .critical,
            pattern: #"(?i)Endpoint\s*=\s*https://[a-zA-Z0-9\-]+\.azconfig\.io\s*;\s*Id\s*=\s*[a-zA-Z0-9+/=:\-]+\s*;"#
                + #"\s*Secret\s*=\s*(?<secret>[a-zA-Z0-9+/=~]{32,88})"#,
            secretGroup: "secret", keywords: ["azconfig.io"]),
        groupRule(
            "azure-ai-services-key", "Azure", "Azure AI Services Key", .high,
            #"(?<secret>[A-Za-z0-9+/]{52}JQQJ99C[A-Z][A-Za-z0-9+/]{7}XJ3w3[A-Za-z0-9+/]{4}ACOG[A-Za-z0-9+/]{4})"#,
            keywords: ["XJ3w3"]),
    ]

    /// Trivy's Maven settings rules: literal passwords in any `settings.xml` (not `{…}` encrypted values nor
    /// `${…}` properties) and the master password of `settings-security.xml`.
    static let mavenRules: [SecretRule] = [
        SecretRule(
            id: "maven-settings-password", category: "Maven", title: "Maven settings.xml password", severity: .high,
            pattern: #"(?i)<\s*password\s*>\s*(?<secret>[^<\s\{][^<\{]+[^<\s])\s*<\s*/\s*password\s*>"#,
            secretGroup: "secret", keywords: ["password"], path: mavenSettingsPath, reach: .wholeFile),
        SecretRule(
            id: "maven-settings-passphrase", category: "Maven", title: "Maven settings.xml passphrase",
            severity: .high,
            pattern: #"(?i)<\s*passphrase\s*>\s*(?<secret>[^<\s\{][^<\{]+[^<\s])\s*<\s*/\s*passphrase\s*>"#,
            secretGroup: "secret", keywords: ["passphrase"], path: mavenSettingsPath, reach: .wholeFile),
        SecretRule(
            id: "maven-settings-security-master", category: "Maven",
            title: "Maven settings-security.xml master password", severity: .high,
            pattern: #"(?i)<\s*master\s*>\s*(?<secret>[^<\s][^<]+[^<\s])\s*<\s*/\s*master\s*>"#,
            secretGroup: "secret", keywords: ["master"], path: #"(?i)(?:^|[/\\])settings-security\.xml$"#,
            reach: .wholeFile),
    ]

    /// Trivy's OpenAI rules. Every `sk-` key holds the watermark `T3BlbkFJ` (base64 of "OpenAI").
    static let openAIRules: [SecretRule] = [
        groupRule(
            "openai-project-api-key", "OpenAI", "OpenAI Project API Key", .critical,
            wordStart + #"(?<secret>sk-proj-[A-Za-z0-9_\-]{20,100}T3BlbkFJ[A-Za-z0-9_\-]{20,100})"#,
            keywords: ["T3BlbkFJ"]),
        groupRule(
            "openai-service-account-key", "OpenAI", "OpenAI Service Account Key", .critical,
            wordStart + #"(?<secret>sk-svcacct-[A-Za-z0-9_\-]{20,100}T3BlbkFJ[A-Za-z0-9_\-]{20,100})"#,
            keywords: ["T3BlbkFJ"]),
        groupRule(
            "openai-admin-api-key", "OpenAI", "OpenAI Admin API Key", .critical,
            wordStart + #"(?<secret>sk-admin-[A-Za-z0-9_\-]{20,100}T3BlbkFJ[A-Za-z0-9_\-]{20,100})"#,
            keywords: ["T3BlbkFJ"]),
        groupRule(
            "openai-legacy-api-key", "OpenAI", "OpenAI Legacy User API Key", .high,
            wordStart + #"(?<secret>sk-(?:None-)?[A-Za-z0-9]{20,42}T3BlbkFJ[A-Za-z0-9]{20,42})"#,
            keywords: ["T3BlbkFJ"]),
        groupRule(
            "openai-service-api-key", "OpenAI", "OpenAI Service API Key", .high,
            wordStart + #"(?<secret>sk-service-[A-Za-z0-9\-]+-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})"#,
            keywords: ["T3BlbkFJ"]),
        groupRule(
            "openai-realtime-client-secret", "OpenAI", "OpenAI Realtime Client Secret", .medium,
            wordStart + #"(?<secret>ek_[a-f0-9]{32})"# + wordEnd, keywords: ["ek_"],
            followedBy: .characters("a-f0-9", count: 32)),
    ]
}
