import Foundation
import Testing
@testable import PeekStore
import PeekCore
import PeekTestSupport

@Suite struct WakeupSignalTests {
    @Test func aNotificationWakesTheListener() throws {
        try withTemporaryDirectory { directory in
            let signal = WakeupSignal(path: directory.appendingPathComponent("worker.wake").path)
            let listener = try signal.listen()
            signal.notify()
            #expect(listener.wait(timeout: 5))
        }
    }

    @Test func withoutANotificationTheWaitTimesOut() throws {
        try withTemporaryDirectory { directory in
            let listener = try WakeupSignal(path: directory.appendingPathComponent("worker.wake").path).listen()
            #expect(!listener.wait(timeout: 0))
        }
    }

    @Test func severalNotificationsAreDrainedByOneWait() throws {
        try withTemporaryDirectory { directory in
            let signal = WakeupSignal(path: directory.appendingPathComponent("worker.wake").path)
            let listener = try signal.listen()
            for _ in 0..<10 { signal.notify() }
            #expect(listener.wait(timeout: 5))
            #expect(!listener.wait(timeout: 0))
        }
    }

    @Test func notifyingWithoutAListenerNeitherBlocksNorFails() throws {
        try withTemporaryDirectory { directory in
            WakeupSignal(path: directory.appendingPathComponent("missing.wake").path).notify()
            let path = directory.appendingPathComponent("worker.wake").path
            #expect(mkfifo(path, 0o600) == 0)
            WakeupSignal(path: path).notify()  // a pipe nobody reads
        }
    }

    @Test func listeningTwiceReusesTheExistingPipe() throws {
        try withTemporaryDirectory { directory in
            let signal = WakeupSignal(path: directory.appendingPathComponent("worker.wake").path)
            let first = try signal.listen()
            let second = try signal.listen()
            signal.notify()
            // Either end may take the byte; the signal reaches someone.
            #expect(first.wait(timeout: 0.5) || second.wait(timeout: 0.5))
        }
    }

    // Regression: a regular file at the pipe path is always readable, so every wait returned at
    // once and an idle worker spun on the database instead of sleeping.
    @Test func aRegularFileAtThePipePathIsNotMistakenForAWakeup() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("worker.wake").path
            #expect(FileManager.default.createFile(atPath: path, contents: Data()))
            let listener = try WakeupSignal(path: path).listen()
            #expect(!listener.wait(timeout: 0))
        }
    }

    @Test func aPipeThatCannotBeCreatedIsUnavailable() throws {
        try withTemporaryDirectory { directory in
            let signal = WakeupSignal(path: directory.appendingPathComponent("no/such/folder/worker.wake").path)
            #expect(throws: StoreError.self) { _ = try signal.listen() }
        }
    }
}
