import Testing

@testable import DrydockModel
