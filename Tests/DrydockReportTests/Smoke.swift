import Testing

@testable import DrydockReport
