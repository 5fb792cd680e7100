import CVision

/// HSV shares and means of one image (OpenCV ranges: H 0...179, S and V 0...255).
struct HSVSummary {
    var shares: [Double]
    var meanSaturation: Double
    var meanValue: Double
}

/// Inclusive bounds of an HSV box.
struct HSVRange {
    var low: (UInt8, UInt8, UInt8)
    var high: (UInt8, UInt8, UInt8)
}

/// A k-means colour centre and the share of pixels nearest to it.
struct ColorCluster: Equatable {
    var red: UInt8
    var green: UInt8
    var blue: UInt8
    var share: Double
}

extension CVImage {
    /// Channel means in RGB order.
    func meanRGB() throws -> (red: Double, green: Double, blue: Double) {
        var rgb = [Double](repeating: 0, count: 3)
        try VisionError.check { cv_shim_mean_rgb(handle, &rgb, $0) }
        return (rgb[0], rgb[1], rgb[2])
    }

    /// Mean and population standard deviation of a grey image.
    func meanAndDeviation() throws -> (mean: Double, deviation: Double) {
        var mean = 0.0, deviation = 0.0
        try VisionError.check { cv_shim_mean_stddev(handle, &mean, &deviation, $0) }
        return (mean, deviation)
    }

    /// Variance of the 64-bit Laplacian of a grey image.
    func laplacianVariance() throws -> Double {
        var variance = 0.0
        try VisionError.check { cv_shim_laplacian_variance(handle, &variance, $0) }
        return variance
    }

    func hsvSummary(_ ranges: [HSVRange]) throws -> HSVSummary {
        let shimRanges = ranges.map { cv_shim_hsv_range(low: $0.low, high: $0.high) }
        var summary = HSVSummary(shares: [Double](repeating: 0, count: ranges.count), meanSaturation: 0, meanValue: 0)
        try VisionError.check {
            cv_shim_hsv_summary(handle, shimRanges, Int32(shimRanges.count), &summary.shares,
                                &summary.meanSaturation, &summary.meanValue, $0)
        }
        return summary
    }

    /// Up to `maxClusters` colour clusters, largest first; `maxSamples` grid-samples big images.
    func colorClusters(maxClusters: Int, maxSamples: Int?) throws -> [ColorCluster] {
        var centres = [UInt8](repeating: 0, count: maxClusters * 3)
        var shares = [Double](repeating: 0, count: maxClusters)
        var count: Int32 = 0
        try VisionError.check {
            cv_shim_kmeans(handle, Int32(maxClusters), Int64(maxSamples ?? 0), &centres, &shares, &count, $0)
        }
        return (0..<Int(count)).map { i in
            ColorCluster(red: centres[i * 3], green: centres[i * 3 + 1], blue: centres[i * 3 + 2], share: shares[i])
        }
    }
}
