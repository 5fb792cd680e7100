import Foundation
import PeekTestSupport
import Testing
@testable import PeekCore

@Suite struct SystemCallTests {
    @Test func writeAllWritesEveryByteThroughAPipeSmallerThanTheData() throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        let (input, output) = (descriptors[0], descriptors[1])
        let data = Data((0..<300_000).map { UInt8($0 % 251) })
        let received = Locked(Data())
        let done = DispatchSemaphore(value: 0)
        Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while let count = try? buffer.withUnsafeMutableBytes({ try SystemCall.read(input, into: $0, path: "pipe") }),
                  count > 0 {
                received.mutate { $0.append(contentsOf: buffer[..<count]) }
            }
            close(input)
            done.signal()
        }.start()
        try SystemCall.writeAll(output, data, path: "pipe")
        close(output)
        done.wait()
        #expect(received.value == data)
    }

    @Test func aFailedCallNamesTheOperationThePathAndErrno() {
        let error = #expect(throws: SystemError.self) {
            try SystemCall.retrying("open", "/nonexistent/peek") { open("/nonexistent/peek", O_RDONLY) }
        }
        #expect(error == SystemError(operation: "open", path: "/nonexistent/peek", code: ENOENT))
        #expect(error?.description == "open /nonexistent/peek: No such file or directory")
    }

    @Test func aFullDiskIsRecognisedAsOutOfSpace() {
        #expect(SystemError(operation: "write", path: "x", code: ENOSPC).isOutOfSpace)
        #expect(!SystemError(operation: "write", path: "x", code: EACCES).isOutOfSpace)
    }
}
