import ArgumentParser
import Access
import Foundation
import PeekHTTP

/// A password for `peek-admin user`: typed twice without echo on a terminal, else the first line
/// of standard input (for scripts: `echo "$PASSWORD" | peek-admin user add NAME`).
enum PasswordInput {
    static func read(for name: String) throws -> String {
        let password: String
        if isatty(0) != 0 {
            guard let first = getpass("Password for \(name): ").map({ String(cString: $0) }),
                  let second = getpass("Again: ").map({ String(cString: $0) }) else {
                throw ValidationError("no password was typed")
            }
            guard first == second else { throw ValidationError("the two passwords differ") }
            password = first
        } else {
            guard let line = readLine(strippingNewline: true) else { throw ValidationError("no password on standard input") }
            password = line
        }
        try UserCommand.checked { () throws in try AccountRules.check(password: password) }
        return password
    }
}
