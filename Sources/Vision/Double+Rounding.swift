extension Double {
    /// Rounded to 2 decimals, as SPEC §3 reports scores.
    var roundedToHundredths: Double { (self * 100).rounded() / 100 }
}
