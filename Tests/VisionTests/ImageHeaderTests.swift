import Foundation
import Testing
@testable import Vision

@Suite struct ImageHeaderTests {
    @Test func unknownBytesAreAnUnsupportedFormat() {
        #expect(throws: VisionError.unsupportedFormat) { try ImageHeader(sniffing: Data("hello, world".utf8)) }
    }
}
