import Testing

@testable import DrydockMatch
