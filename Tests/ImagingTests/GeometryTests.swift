import Testing
@testable import Imaging

@Suite struct GeometryTests {
    @Test func facesAreKeptWholeWhenTheirUnionFits() {
        let placement = CutPlacement(size: PixelSize(width: 400, height: 200), cut: PixelSize(width: 100, height: 200))
        let faces = [FaceRegion(x: 300, y: 10, width: 30, height: 30), FaceRegion(x: 360, y: 100, width: 30, height: 30)]
        let origin = placement.aroundFaces(faces)
        #expect(origin.x <= 300 && origin.x + 100 >= 390)
        #expect(origin.y == 0)
    }

    @Test func theWindowStaysInsideTheImage() {
        let placement = CutPlacement(size: PixelSize(width: 400, height: 200), cut: PixelSize(width: 100, height: 100))
        #expect(placement.aroundFaces([FaceRegion(x: 390, y: 190, width: 10, height: 10)]) == (300, 100))
        #expect(placement.aroundFaces([FaceRegion(x: 0, y: 0, width: 10, height: 10)]) == (0, 0))
    }

    @Test func aFaceLargerThanTheWindowIsCentred() {
        let placement = CutPlacement(size: PixelSize(width: 400, height: 200), cut: PixelSize(width: 50, height: 50))
        #expect(placement.aroundFaces([FaceRegion(x: 100, y: 50, width: 100, height: 100)]) == (125, 75))
    }

    @Test func noFacesMeansTheCentre() {
        let placement = CutPlacement(size: PixelSize(width: 400, height: 200), cut: PixelSize(width: 100, height: 50))
        #expect(placement.aroundFaces([]) == (150, 75))
    }

    @Test func fourQuarterTurnsAndTwoFlipsGiveTheRegionBack() {
        let size = PixelSize(width: 300, height: 200)
        let face = FaceRegion(x: 10, y: 20, width: 30, height: 40)
        var turned = face
        var current = size
        for _ in 0..<4 {
            turned = turned.rotated(.quarter, in: current)
            current = current.transposed
        }
        #expect(turned == face)
        #expect(face.rotated(.half, in: size) == FaceRegion(x: 260, y: 140, width: 30, height: 40))
        #expect(face.rotated(.threeQuarters, in: size) == FaceRegion(x: 20, y: 260, width: 40, height: 30))
        #expect(face.flipped(.horizontal, in: size).flipped(.horizontal, in: size) == face)
        #expect(face.flipped(.vertical, in: size) == FaceRegion(x: 10, y: 140, width: 30, height: 40))
    }

    @Test func aCutKeepsThePartOfAFaceInsideIt() {
        let face = FaceRegion(x: 90, y: 10, width: 20, height: 20)
        #expect(face.cut(dx: 100, dy: 0, size: PixelSize(width: 50, height: 50)) == FaceRegion(x: 0, y: 10, width: 10, height: 20))
        #expect(face.cut(dx: 200, dy: 0, size: PixelSize(width: 50, height: 50)) == nil)
    }

    @Test func fillCoversThenCuts() {
        let shrinking = FillGeometry(input: PixelSize(width: 4000, height: 3000), target: PixelSize(width: 300, height: 300))
        #expect(!shrinking.enlarges)
        #expect(shrinking.cover == PixelSize(width: 400, height: 300))
        let enlarging = FillGeometry(input: PixelSize(width: 40, height: 20), target: PixelSize(width: 200, height: 200))
        #expect(enlarging.enlarges)
        #expect(enlarging.region == PixelSize(width: 20, height: 20))
    }
}
