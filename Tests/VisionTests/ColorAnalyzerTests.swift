import Testing
@testable import Vision

@Suite struct ColorAnalyzerTests {
    @Test func aFlatImageHasItsOwnColourAndBrightness() throws {
        let colors = try Fixtures.analyze(try Fixtures.flat(200, 100, 50)).colors
        #expect(colors.dominantColors == ["#c86432"])
        #expect(colors.colorShares == [1])
        // 0.299 * 200 + 0.587 * 100 + 0.114 * 50 = 124.2
        #expect(colors.brightness == 124)
    }

    @Test func twoColoursComeLargestFirstWithTheirShares() throws {
        let data = try Fixtures.encoded(width: 80, height: 40) { x, _ in x < 60 ? (255, 0, 0) : (0, 0, 255) }
        let colors = try Fixtures.analyze(data).colors
        #expect(colors.dominantColors == ["#ff0000", "#0000ff"])
        #expect(colors.colorShares == [0.75, 0.25])
        // 0.75 * (0.299 * 255) + 0.25 * (0.114 * 255) = 64.45
        #expect(colors.brightness == 64)
    }

    @Test func brightnessSpansZeroTo255() throws {
        #expect(try Fixtures.analyze(try Fixtures.flat(0, 0, 0)).colors.brightness == 0)
        #expect(try Fixtures.analyze(try Fixtures.flat(255, 255, 255)).colors.brightness == 255)
    }

    @Test func manyColoursGiveFiveRepeatableCentres() throws {
        let palette: [(UInt8, UInt8, UInt8)] = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0),
                                                (0, 255, 255), (250, 5, 0)]
        let data = try Fixtures.encoded(width: 60, height: 20) { x, _ in palette[x / 10] }
        let first = try Fixtures.analyze(data).colors
        #expect(first.dominantColors.count == 5)
        #expect(abs(first.colorShares.reduce(0, +) - 1) < 0.001)
        // Six colours in five clusters: red and its near twin merge into the largest, centred between them.
        #expect(first.dominantColors[0] == "#fc0200")
        #expect(try Fixtures.analyze(data).colors == first)
    }

    @Test func aBigImageIsSampledOnAGridAndKeepsItsColours() throws {
        let image = try Fixtures.image(width: 600, height: 400) { x, _ in x < 150 ? (10, 20, 30) : (240, 230, 220) }
        let clusters = try image.colorClusters(maxClusters: 5, maxSamples: 1_000)
        #expect(clusters.map { [$0.red, $0.green, $0.blue] } == [[240, 230, 220], [10, 20, 30]])
        #expect(abs(clusters[0].share - 0.75) < 0.02)
    }
}
