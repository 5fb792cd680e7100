import GRDB

/// Runs a GRDB operation and turns what it throws into the store's own error.
func translatingErrors<T>(_ body: () throws -> T) throws(StoreError) -> T {
    do {
        return try body()
    } catch let error as StoreError {
        throw error
    } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
        throw .databaseLocked
    } catch {
        throw .databaseUnavailable(reason: "\(error)")
    }
}
