import Foundation
import GRDB

/// Words for an SQLite failure, saying so when the disk is full.
public enum SQLiteFailure {
    /// `error`'s description, prefixed `the disk is full (ENOSPC):` when SQLite answered `SQLITE_FULL` (it does
    /// when a write fails with ENOSPC or EDQUOT).
    public static func describe(_ error: any Error) -> String {
        if let database = error as? DatabaseError, database.resultCode == .SQLITE_FULL {
            return "the disk is full (ENOSPC): \(database)"
        }
        return "\(error)"
    }
}
