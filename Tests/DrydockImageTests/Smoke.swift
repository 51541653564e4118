import Testing

@testable import DrydockImage
