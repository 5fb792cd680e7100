extension Double {
    /// Rounded to 2 decimals, as the original Peek reported scores.
    var roundedToHundredths: Double { (self * 100).rounded() / 100 }
}
