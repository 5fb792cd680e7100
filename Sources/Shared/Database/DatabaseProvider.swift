import Foundation

/// Opens the database on first use and again after a failure, so a function started while the
/// disk was unavailable recovers by itself once it is back instead of needing a restart.
public final class DatabaseProvider {
    private let configuration: PeekConfiguration
    private var database: PeekDatabase?

    public init(configuration: PeekConfiguration) {
        self.configuration = configuration
    }

    /// The open database, or 503 with the reason it cannot be opened.
    public func get() throws -> PeekDatabase {
        if let database { return database }
        do {
            let opened = try PeekDatabase(configuration: configuration)
            database = opened
            return opened
        } catch let error as PeekError {
            throw error
        } catch {
            throw PeekError.unavailable("the database is not available", detail: "\(error)")
        }
    }
}
