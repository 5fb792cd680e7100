import ImageInspection
import Foundation
import Testing
@testable import Imaging

@Suite struct OrientationTests {
    let transformer = Transformer()
    typealias Corners = (topLeft: [UInt8], topRight: [UInt8], bottomLeft: [UInt8], bottomRight: [UInt8])

    func expectCorners(_ image: DecodedImage, _ corners: Corners, sourceLocation: SourceLocation = #_sourceLocation) {
        let (right, bottom) = (image.width - 5, image.height - 5)
        #expect(image.pixel(4, 4, is: corners.topLeft), sourceLocation: sourceLocation)
        #expect(image.pixel(right, 4, is: corners.topRight), sourceLocation: sourceLocation)
        #expect(image.pixel(4, bottom, is: corners.bottomLeft), sourceLocation: sourceLocation)
        #expect(image.pixel(right, bottom, is: corners.bottomRight), sourceLocation: sourceLocation)
    }

    @Test func rotateTurnsClockwise() throws {
        let source = try TestImages.quadrants()
        let (_, quarter) = try transformer.run("rotate:90", on: source)
        #expect(quarter.size == PixelSize(width: 80, height: 120))
        expectCorners(quarter, (TestImages.blue, TestImages.red, TestImages.white, TestImages.green))
        let (_, half) = try transformer.run("rotate:180", on: source)
        #expect(half.size == PixelSize(width: 120, height: 80))
        expectCorners(half, (TestImages.white, TestImages.blue, TestImages.green, TestImages.red))
        let (_, threeQuarters) = try transformer.run("rotate:270", on: source)
        #expect(threeQuarters.size == PixelSize(width: 80, height: 120))
        expectCorners(threeQuarters, (TestImages.green, TestImages.white, TestImages.red, TestImages.blue))
    }

    @Test func flipMirrors() throws {
        let source = try TestImages.quadrants()
        let (_, horizontal) = try transformer.run("flip:h", on: source)
        expectCorners(horizontal, (TestImages.green, TestImages.red, TestImages.white, TestImages.blue))
        let (_, vertical) = try transformer.run("flip:v", on: source)
        expectCorners(vertical, (TestImages.blue, TestImages.white, TestImages.red, TestImages.green))
    }

    @Test func stepsCompose() throws {
        let source = try TestImages.quadrants(.jpeg)
        let (_, identity) = try transformer.run("rotate:90/rotate:90/rotate:90/rotate:90/flip:h/flip:v/flip:v/flip:h", on: source)
        expectCorners(identity, (TestImages.red, TestImages.green, TestImages.blue, TestImages.white))
        // A quarter turn then a mirror is a transposition: the diagonal stays, the others swap.
        let (_, transposed) = try transformer.run("rotate:90/flip:h", on: source)
        expectCorners(transposed, (TestImages.red, TestImages.blue, TestImages.green, TestImages.white))
    }

    @Test(arguments: 1...8)
    func everyExifOrientationIsAppliedFirst(orientation: Int) throws {
        let source = try TestImages.fixture("exif-\(orientation).jpg")
        let (_, decoded) = try transformer.run("", on: source)
        #expect(decoded.size == PixelSize(width: 120, height: 80))
        expectCorners(decoded, (TestImages.red, TestImages.green, TestImages.blue, TestImages.white))
        // Later steps see the upright picture.
        let (_, turned) = try transformer.run("rotate:90", on: source)
        expectCorners(turned, (TestImages.blue, TestImages.red, TestImages.white, TestImages.green))
    }

    @Test(arguments: 1...8)
    func everyExifOrientationGivesTheSameUprightThumbnail(orientation: Int) throws {
        let thumbnail = try transformer.render(.thumbnail, from: .file(TestImages.fixtureURL("exif-\(orientation).jpg").path))
        let decoded = try TestImages.decode(thumbnail.data)
        let reference = try TestImages.decode(try transformer.render(.thumbnail, from: .file(TestImages.fixtureURL("exif-1.jpg").path)).data)
        #expect(decoded.size == PixelSize(width: 120, height: 80))
        expectCorners(decoded, (TestImages.red, TestImages.green, TestImages.blue, TestImages.white))
        let difference = zip(decoded.pixels, reference.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0
        // JPEG stores each orientation's blocks differently; the pictures match up to its noise.
        #expect(difference < 80)
        #expect(decoded.count(of: TestImages.red, tolerance: 30) > 2000)
    }

    @Test(arguments: ["exif-6.png", "exif-6.webp"])
    func pngAndWebPOrientationIsAppliedToo(name: String) throws {
        let (_, decoded) = try transformer.run("", on: try TestImages.fixture(name))
        #expect(decoded.size == PixelSize(width: 120, height: 80))
        expectCorners(decoded, (TestImages.red, TestImages.green, TestImages.blue, TestImages.white))
    }

    @Test func aFirstResizeOfARotatedJPEGHasTheUprightShape() throws {
        let source = try TestImages.fixture("exif-6.jpg")
        let (_, fit) = try transformer.run("resize:fit:60:60", on: source)
        #expect(fit.size == PixelSize(width: 60, height: 40))
        expectCorners(fit, (TestImages.red, TestImages.green, TestImages.blue, TestImages.white))
        let (_, fill) = try transformer.run("resize:fill:30:40", on: source)
        #expect(fill.size == PixelSize(width: 30, height: 40))
    }

    @Test func theOutputCarriesNoExif() throws {
        for format in ["jpeg", "webp", "png"] {
            let (result, _) = try transformer.run("format:\(format)", on: try TestImages.fixture("exif-6.jpg"))
            #expect(result.data.range(of: Data("Exif".utf8)) == nil)
        }
    }
}
