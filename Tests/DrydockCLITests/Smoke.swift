import Testing

@testable import DrydockCLI
