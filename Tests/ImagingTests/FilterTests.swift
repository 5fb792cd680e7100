import Foundation
import Testing
@testable import Imaging

@Suite struct FilterTests {
    let transformer = Transformer()

    @Test func grayscaleMakesOneBand() throws {
        let (_, decoded) = try transformer.run("grayscale", on: try TestImages.quadrants())
        #expect(decoded.bands == 1)
        // Green is lighter than red, which is lighter than blue.
        let (red, green, blue) = (decoded.pixel(5, 5)[0], decoded.pixel(115, 5)[0], decoded.pixel(5, 75)[0])
        #expect(green > red && red > blue)
        #expect(decoded.pixel(115, 75)[0] > 250)
    }

    @Test(arguments: ["grayscale", "blur:3", "sharpen:2", "brightness:30", "contrast:-40", "resize:fill:30:30", "rotate:90"])
    func aGreyImageStaysGrey(options: String) throws {
        let source = try TestImages.encoded(width: 60, height: 40) { x, y in
            let value = UInt8((x * 4 + y * 2) % 256)
            return [value, value, value]
        }
        let (_, decoded) = try transformer.run("\(options)/format:png", on: source)
        for y in stride(from: 0, to: decoded.height, by: 3) {
            for x in stride(from: 0, to: decoded.width, by: 3) {
                let pixel = decoded.pixel(x, y)
                #expect(pixel.allSatisfy { abs(Int($0) - Int(pixel[0])) <= 1 }, "pixel \(x),\(y) is \(pixel)")
            }
        }
    }

    @Test func grayscaleOfAGreyImageKeepsItsValues() throws {
        let (_, decoded) = try transformer.run("grayscale", on: try TestImages.flat([120, 120, 120]))
        #expect(abs(Int(decoded.pixel(10, 10)[0]) - 120) <= 1)
    }

    @Test(arguments: [(20, 151), (-20, 49), (100, 255), (-100, 0)])
    func brightnessShiftsEveryValue(amount: Int, expected: Int) throws {
        let (_, decoded) = try transformer.run("brightness:\(amount)", on: try TestImages.flat([100, 100, 100]))
        #expect(decoded.pixel(10, 10) == Array(repeating: UInt8(expected), count: 3))
    }

    @Test(arguments: [(100, 72), (-100, 128), (50, 86), (-50, 114)])
    func contrastScalesAroundMidGrey(amount: Int, expected: Int) throws {
        let (_, decoded) = try transformer.run("contrast:\(amount)", on: try TestImages.flat([100, 100, 100]))
        #expect(decoded.pixel(10, 10) == Array(repeating: UInt8(expected), count: 3))
    }

    @Test func brightnessLeavesAlphaAlone() throws {
        let source = try TestImages.flat([100, 100, 100, 128])
        let (_, decoded) = try transformer.run("brightness:40", on: source)
        #expect(decoded.pixel(10, 10) == [202, 202, 202, 128])
    }

    @Test func blurSoftensAnEdgeAndLeavesFlatAreasFlat() throws {
        let source = try TestImages.encoded(width: 60, height: 20) { x, _ in x < 30 ? [0, 0, 0] : [255, 255, 255] }
        let (_, decoded) = try transformer.run("blur:3", on: source)
        let edge = Int(decoded.pixel(29, 10)[0])
        #expect(edge > 40 && edge < 215)
        #expect(decoded.pixel(2, 10) == [0, 0, 0])
        #expect(decoded.pixel(57, 10) == [255, 255, 255])
    }

    @Test func sharpenOvershootsAtAnEdgeAndLeavesFlatAreasFlat() throws {
        let source = try TestImages.encoded(width: 60, height: 20) { x, _ in x < 30 ? [60, 60, 60] : [190, 190, 190] }
        let (_, decoded) = try transformer.run("sharpen:1", on: source)
        let row = (0..<60).map { Int(decoded.pixel($0, 10)[0]) }
        #expect(row.min()! < 55)
        #expect(row.max()! > 195)
        #expect(row[2] == 60 && row[57] == 190)
    }
}
