import Access
import ArgumentParser
import Credentials
import Foundation
import PeekCore
import PeekHTTP
import PeekStore

/// `peek-admin user add|list|passwd|remove`: the owners' accounts.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Create, list, re-password and remove owner accounts.",
        subcommands: [Add.self, List.self, Passwd.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an owner account.",
            discussion: "The password is asked for twice on a terminal; otherwise it is the first line of standard input.")

        @Argument(help: "The username: 1 to 64 characters of A-Z a-z 0-9 . _ -") var name: String
        @OptionGroup var dataDirectory: DataDirectoryOption

        func run() throws {
            try UserCommand.checked { () throws in try AccountRules.check(username: name) }
            let password = try PasswordInput.read(for: name)
            let database = try DatabaseProvider.open(try dataDirectory.configuration())
            do {
                let user = try database.accounts.createUser(username: name, passwordHash: try PasswordHasher.hash(password),
                                                            at: Date().timeIntervalSince1970)
                print("created user \(user.username) (id \(user.id))")
            } catch StoreError.conflict {
                throw ValidationError("the username \(name) is taken")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts, one per line: id, name, created.")
        @OptionGroup var dataDirectory: DataDirectoryOption

        func run() throws {
            for user in try DatabaseProvider.open(try dataDirectory.configuration()).accounts.users() {
                print("\(user.id)\t\(user.username)\t\(Timestamp.string(user.createdAt))")
            }
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a new password; the account's sessions end (its API tokens stay).")
        @Argument(help: "The username.") var name: String
        @OptionGroup var dataDirectory: DataDirectoryOption

        func run() throws {
            let database = try DatabaseProvider.open(try dataDirectory.configuration())
            guard let (user, _) = try database.accounts.user(named: name) else { throw ValidationError("no user named \(name)") }
            let password = try PasswordInput.read(for: name)
            try database.accounts.setPassword(userID: user.id, passwordHash: try PasswordHasher.hash(password))
            print("password of \(user.username) changed; their sessions have ended")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove an account with its albums, photos, share links, sessions and API tokens.")
        @Argument(help: "The username.") var name: String
        @OptionGroup var dataDirectory: DataDirectoryOption

        func run() throws {
            let configuration = try dataDirectory.configuration()
            let database = try DatabaseProvider.open(configuration)
            guard let (user, _) = try database.accounts.user(named: name) else { throw ValidationError("no user named \(name)") }
            let blobs = BlobStores.configured(configuration)
            let deleted = try ImageDeleter(catalog: database.deletions, blobs: blobs).delete(.user(user.id))
            print("removed user \(user.username) and \(deleted.count) images")
        }
    }

    /// A rule's message as the command's own error.
    static func checked(_ rule: () throws -> Void) throws {
        do { try rule() } catch { throw ValidationError(PublicError(error).message) }
    }
}
