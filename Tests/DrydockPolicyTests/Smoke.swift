import Testing

@testable import DrydockPolicy
