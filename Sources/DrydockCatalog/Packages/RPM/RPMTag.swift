/// The RPM header tags and data types Drydock reads (rpm's `rpmtag.h`).
enum RPMTag {
    /// Region tags: the first index entry of a header read from a database is one of these.
    static let headerImage: Int32 = 61
    static let headerSignatures: Int32 = 62
    static let headerImmutable: Int32 = 63

    static let name: Int32 = 1000
    static let version: Int32 = 1001
    static let release: Int32 = 1002
    static let epoch: Int32 = 1003
    static let vendor: Int32 = 1011
    static let license: Int32 = 1014
    static let arch: Int32 = 1022
    static let oldFileNames: Int32 = 1027
    static let fileModes: Int32 = 1030
    static let sourceRPM: Int32 = 1044
    static let dirIndexes: Int32 = 1116
    static let baseNames: Int32 = 1117
    static let dirNames: Int32 = 1118
    static let modularityLabel: Int32 = 5096
}

/// RPM header entry data types.
enum RPMTagType {
    static let null: UInt32 = 0
    static let char: UInt32 = 1
    static let int8: UInt32 = 2
    static let int16: UInt32 = 3
    static let int32: UInt32 = 4
    static let int64: UInt32 = 5
    static let string: UInt32 = 6
    static let binary: UInt32 = 7
    static let stringArray: UInt32 = 8
    static let i18nString: UInt32 = 9
}
