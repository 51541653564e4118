import Testing

@testable import DrydockVulnDB
