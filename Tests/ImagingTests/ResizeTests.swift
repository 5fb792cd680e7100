import Foundation
import Testing
@testable import Imaging

@Suite struct ResizeTests {
    let transformer = Transformer()

    @Test(arguments: [
        ("resize:fit:100:100", PixelSize(width: 100, height: 75)),
        ("resize:fit:100:10", PixelSize(width: 13, height: 10)),
        ("resize:fit:800:800", PixelSize(width: 800, height: 600)),
        ("resize:fill:100:100", PixelSize(width: 100, height: 100)),
        ("resize:fill:50:120", PixelSize(width: 50, height: 120)),
        ("resize:fill:1000:100", PixelSize(width: 1000, height: 100)),
        ("resize:force:123:45", PixelSize(width: 123, height: 45)),
        ("crop:100:50", PixelSize(width: 100, height: 50)),
        ("crop:1000:50", PixelSize(width: 400, height: 50)),
        ("crop:390:290:100:100", PixelSize(width: 10, height: 10)),
        ("resize:fill:64:64/crop:32:16/resize:fit:16:16", PixelSize(width: 16, height: 8)),
    ])
    func theResultHasThePlannedSize(options: String, size: PixelSize) throws {
        for format in [OutputFormat.png, .jpeg] {
            let source = try TestImages.quadrants(format, width: 400, height: 300)
            let (result, decoded) = try transformer.run(options, on: source)
            #expect(decoded.size == size)
            #expect(PixelSize(width: result.width, height: result.height) == size)
            #expect(try transformer.plan(TransformSteps(parsing: options), for: .bytes(source)).output == size)
        }
    }

    @Test func fitKeepsTheWholePicture() throws {
        let (_, decoded) = try transformer.run("resize:fit:60:60", on: try TestImages.quadrants())
        #expect(decoded.size == PixelSize(width: 60, height: 40))
        #expect(decoded.pixel(5, 5, is: TestImages.red))
        #expect(decoded.pixel(55, 5, is: TestImages.green))
        #expect(decoded.pixel(5, 35, is: TestImages.blue))
        #expect(decoded.pixel(55, 35, is: TestImages.white))
    }

    @Test func fillWithCentreGravityCutsBothSidesEqually() throws {
        // 400 × 200: red left half, blue right half. Covering 100 × 100 gives 200 × 100, cut at x = 50.
        let source = try TestImages.encoded(width: 400, height: 200) { x, _ in x < 200 ? TestImages.red : TestImages.blue }
        let (_, decoded) = try transformer.run("resize:fill:100:100", on: source)
        #expect(decoded.pixel(10, 50, is: TestImages.red))
        #expect(decoded.pixel(45, 50, is: TestImages.red))
        #expect(decoded.pixel(55, 50, is: TestImages.blue))
        #expect(decoded.pixel(90, 50, is: TestImages.blue))
    }

    @Test func fillEnlargesByCuttingFirst() throws {
        // 40 × 20 to 200 × 200: the middle 20 × 20 is cut, then enlarged ten times.
        let source = try TestImages.encoded(width: 40, height: 20) { x, _ in x < 20 ? TestImages.red : TestImages.blue }
        let (_, decoded) = try transformer.run("resize:fill:200:200", on: source)
        #expect(decoded.size == PixelSize(width: 200, height: 200))
        #expect(decoded.pixel(20, 100, is: TestImages.red))
        #expect(decoded.pixel(180, 100, is: TestImages.blue))
    }

    @Test func forceStretches() throws {
        let (_, decoded) = try transformer.run("resize:force:40:200", on: try TestImages.quadrants())
        #expect(decoded.size == PixelSize(width: 40, height: 200))
        #expect(decoded.pixel(5, 5, is: TestImages.red))
        #expect(decoded.pixel(35, 195, is: TestImages.white))
    }

    @Test func aFirstResizeOfAJPEGShrinksWhileDecodingAndStillHasTheExactSize() throws {
        let source = try TestImages.quadrants(.jpeg, width: 2000, height: 1500)
        for (options, size) in [("resize:fit:300:300", PixelSize(width: 300, height: 225)),
                                ("resize:fill:300:300", PixelSize(width: 300, height: 300)),
                                ("resize:force:333:111", PixelSize(width: 333, height: 111))] {
            let (_, decoded) = try transformer.run(options, on: source)
            #expect(decoded.size == size)
        }
    }

    @Test func aRegionCropTakesThosePixels() throws {
        let source = try TestImages.encoded(width: 200, height: 100) { x, y in [UInt8(x), UInt8(y), 7] }
        let (_, decoded) = try transformer.run("crop:10:20:30:40", on: source)
        #expect(decoded.size == PixelSize(width: 30, height: 40))
        #expect(decoded.pixel(0, 0) == [10, 20, 7])
        #expect(decoded.pixel(29, 39) == [39, 59, 7])
    }

    @Test func aSizedCropWithCentreGravityTakesTheMiddle() throws {
        let source = try TestImages.encoded(width: 200, height: 100) { x, y in [UInt8(x), UInt8(y), 7] }
        let (_, decoded) = try transformer.run("crop:100:50", on: source)
        #expect(decoded.pixel(0, 0) == [50, 25, 7])
    }
}
