import Testing

@testable import DrydockVersions
