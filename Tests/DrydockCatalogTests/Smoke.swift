import Testing

@testable import DrydockCatalog
