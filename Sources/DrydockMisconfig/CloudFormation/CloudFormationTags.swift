/// CloudFormation's short-form intrinsic function tags and the long-form keys they stand for.
enum CloudFormationTags {
    static let functions: [String: String] = [
        "!Ref": "Ref", "!Condition": "Condition", "!Sub": "Fn::Sub", "!GetAtt": "Fn::GetAtt", "!If": "Fn::If",
        "!Join": "Fn::Join", "!Select": "Fn::Select", "!Split": "Fn::Split", "!FindInMap": "Fn::FindInMap",
        "!Equals": "Fn::Equals", "!Not": "Fn::Not", "!And": "Fn::And", "!Or": "Fn::Or", "!Base64": "Fn::Base64",
        "!GetAZs": "Fn::GetAZs", "!ImportValue": "Fn::ImportValue", "!Cidr": "Fn::Cidr", "!Transform": "Fn::Transform",
        "!Length": "Fn::Length", "!ToJsonString": "Fn::ToJsonString",
    ]

    /// The long-form key of a short-form tag (`!Ref` → `Ref`), or nil for other tags.
    static func function(_ tag: String) -> String? { functions[tag] }
}
