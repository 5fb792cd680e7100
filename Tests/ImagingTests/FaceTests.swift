import Foundation
import Testing
@testable import Imaging

@Suite struct FaceTests {
    let transformer = Transformer()

    /// 400 × 200 grey, with red squares where `faces` are.
    func picture(faces: [FaceBox]) throws -> Data {
        try TestImages.encoded(width: 400, height: 200) { x, y in
            faces.contains { x >= $0.x && x < $0.x + $0.width && y >= $0.y && y < $0.y + $0.height } ? TestImages.red : [128, 128, 128]
        }
    }

    @Test func aFillWithFaceGravityKeepsTheFaceInside() throws {
        let face = FaceBox(x: 300, y: 50, width: 60, height: 60)
        let source = try picture(faces: [face])
        // Covering 100 × 100 halves everything: the face becomes 30 × 30, all of it kept.
        let (_, kept) = try transformer.run("resize:fill:100:100:face", on: source, faces: [face])
        #expect(kept.count(of: TestImages.red, tolerance: 60) >= 28 * 28)
        // The centre cut (x 50…150 of 200) misses it.
        let (_, centred) = try transformer.run("resize:fill:100:100", on: source, faces: [face])
        #expect(centred.count(of: TestImages.red, tolerance: 60) == 0)
    }

    @Test func everyFaceIsKeptWhenTheyFitTogether() throws {
        let faces = [FaceBox(x: 250, y: 20, width: 40, height: 40), FaceBox(x: 340, y: 120, width: 40, height: 40)]
        let (_, decoded) = try transformer.run("crop:150:200:face", on: try picture(faces: faces), faces: faces)
        #expect(decoded.count(of: TestImages.red, tolerance: 10) == 2 * 40 * 40)
    }

    @Test func theLargestFaceIsKeptWhenTheyDoNotFit() throws {
        let faces = [FaceBox(x: 10, y: 20, width: 30, height: 30), FaceBox(x: 300, y: 100, width: 50, height: 50)]
        let (_, decoded) = try transformer.run("crop:100:200:face", on: try picture(faces: faces), faces: faces)
        #expect(decoded.count(of: TestImages.red, tolerance: 10) == 50 * 50)
        #expect(decoded.pixel(50, 125, is: TestImages.red, tolerance: 10))
    }

    @Test func faceGravityWithoutFacesCentres() throws {
        let source = try TestImages.encoded(width: 200, height: 100) { x, y in [UInt8(x), UInt8(y), 7] }
        let (_, decoded) = try transformer.run("crop:100:50:face", on: source)
        #expect(decoded.pixel(0, 0) == [50, 25, 7])
    }

    @Test func facesFollowTheOrientationStepsAndResizes() throws {
        // After a quarter turn the face at the right edge is at the bottom; a fill to a wide
        // strip must then cut low.
        let face = FaceBox(x: 340, y: 70, width: 60, height: 60)
        let (_, decoded) = try transformer.run("rotate:90/resize:fill:200:100:face", on: try picture(faces: [face]), faces: [face])
        #expect(decoded.size == PixelSize(width: 200, height: 100))
        #expect(decoded.count(of: TestImages.red, tolerance: 60) >= 28 * 28)
    }

    @Test func annotateDrawsTwoPixelGreenBoxes() throws {
        let face = FaceBox(x: 100, y: 50, width: 40, height: 40)
        let (_, decoded) = try transformer.run("annotate", on: try TestImages.flat([128, 128, 128], width: 400, height: 200), faces: [face])
        #expect(decoded.pixel(100, 70, is: TestImages.green, tolerance: 0))
        #expect(decoded.pixel(101, 70, is: TestImages.green, tolerance: 0))
        #expect(decoded.pixel(102, 70) == [128, 128, 128])
        #expect(decoded.pixel(120, 50, is: TestImages.green, tolerance: 0))
        #expect(decoded.pixel(139, 89, is: TestImages.green, tolerance: 0))
        #expect(decoded.pixel(99, 70) == [128, 128, 128])
        #expect(decoded.count(of: TestImages.green, tolerance: 0) == 40 * 40 - 36 * 36)
    }

    @Test func annotateDrawsTheBoxesScaledToTheCurrentGeometry() throws {
        let face = FaceBox(x: 100, y: 50, width: 40, height: 40)
        let source = try TestImages.flat([128, 128, 128], width: 400, height: 200)
        // Halved: the box is at (50, 25), 20 × 20.
        let (_, halved) = try transformer.run("resize:fit:200:100/annotate", on: source, faces: [face])
        #expect(halved.pixel(50, 35, is: TestImages.green, tolerance: 0))
        #expect(halved.pixel(69, 35, is: TestImages.green, tolerance: 0))
        #expect(halved.pixel(60, 35) == [128, 128, 128])
        // Turned a quarter clockwise in a 200 × 400 image: x = 200 - 90 = 110, y = 100.
        let (_, turned) = try transformer.run("rotate:90/annotate", on: source, faces: [face])
        #expect(turned.pixel(110, 120, is: TestImages.green, tolerance: 0))
        #expect(turned.pixel(130, 100, is: TestImages.green, tolerance: 0))
    }

    @Test func annotateOnGreyDrawsInColour() throws {
        let face = FaceBox(x: 10, y: 10, width: 20, height: 20)
        let (_, decoded) = try transformer.run("grayscale/annotate", on: try TestImages.quadrants(), faces: [face])
        #expect(decoded.bands == 3)
        #expect(decoded.pixel(10, 20, is: TestImages.green, tolerance: 0))
    }

    @Test func annotateWithoutFacesChangesNothing() throws {
        let source = try TestImages.quadrants()
        #expect(try transformer.run("annotate", on: source).1.pixels == (try transformer.run("", on: source).1.pixels))
    }

    @Test func smartGravityKeepsTheBusyRegion() throws {
        // Flat grey but for a saturated, detailed square on the right.
        var generator = SystemRandomNumberGenerator()
        let source = try TestImages.encoded(width: 400, height: 100) { x, y in
            guard x >= 300, x < 360, y >= 20, y < 80 else { return [128, 128, 128] }
            return [UInt8.random(in: 150...255, using: &generator), UInt8.random(in: 0...60, using: &generator), 30]
        }
        let (_, decoded) = try transformer.run("crop:100:100:smart", on: source)
        let busy = (0..<100).filter { decoded.pixel($0, 50) != [128, 128, 128] }.count
        #expect(busy == 60)
    }
}
