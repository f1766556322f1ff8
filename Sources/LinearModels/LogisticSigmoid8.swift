// The logistic function on 8 logits at once, for the scoring kernel.
//
// Goal: the values of `logisticSigmoid` (1 / (1 + e) for z >= 0, e / (1 + e) for z < 0, with
// e = exp(-|z|)) to within a few ulps for every finite z, including the subnormal tail, without a
// call to libm per row, so that the loop runs in SIMD lanes. exp(t), t = -|z| <= 0, follows the
// classical scheme:
// - range reduction t = k ln 2 + r, k = round(t / ln 2), |r| <= ln(2) / 2, with ln 2 split in a
//   high part whose last 11 bits are zero (k ln2_hi is exact for |k| < 2048) and a low part
//   (Cody and Waite); the rounding to an integer is done by adding and subtracting 1.5 * 2^52;
// - exp(r) by its Taylor polynomial of degree 12 in Horner form: the remainder r^13 / 13! is below
//   1.7e-16 for |r| <= ln(2) / 2, so the result is within a few ulps of exp(r);
// - the scaling by 2^k through the exponent bits, done as 2^(k + 64) (always a normal number, so
//   the product is exact) and then 2^-64, which rounds once when the result is subnormal.
// t is clamped at -746, below which exp(t) rounds to 0. NaN and infinite logits give unspecified
// finite or NaN lanes: the caller rejects them before (scoring throws on a non-finite logit).
// References: W. J. Cody and W. Waite, "Software Manual for the Elementary Functions" (1980),
// ch. 6; J.-M. Muller, "Elementary Functions: Algorithms and Implementation", 3rd ed. (2016), §11.

/// 1.5 * 2^52: adding and subtracting it rounds a double of magnitude below 2^51 to an integer.
private let _roundingShifter = 0x1.8p52

/// The logistic function `1 / (1 + exp(-z))` of 8 finite logits, lane by lane, overflow-free.
/// - Parameter z: 8 finite logits.
/// - Returns: the 8 probabilities, each within a few ulps of `logisticSigmoid` of its lane.
/// - Complexity: O(1), branch-free.
@inline(__always)
func _logisticSigmoid8(_ z: SIMD8<Double>) -> SIMD8<Double> {
    let shifter = SIMD8<Double>(repeating: _roundingShifter)
    // t = -|z| by setting the sign bit, clamped at -746 (a compare and a blend, inlined, where the
    // generic pointwiseMin / pointwiseMax are calls).
    let negativeAbs = unsafeBitCast(unsafeBitCast(z, to: SIMD8<UInt64>.self) | (1 << 63), to: SIMD8<Double>.self)
    let t = negativeAbs.replacing(with: -746, where: negativeAbs .< -746)
    let kShifted = t * 0x1.71547652b82fep0 + shifter  // t / ln 2 + shifter
    let k = kShifted - shifter
    let r = (t - k * 0x1.62e42fefa3800p-1) - k * 0x1.ef35793c76730p-45
    var p = SIMD8<Double>(repeating: 1.0 / 479_001_600)  // 1 / 12!
    p = p * r + 1.0 / 39_916_800
    p = p * r + 1.0 / 3_628_800
    p = p * r + 1.0 / 362_880
    p = p * r + 1.0 / 40_320
    p = p * r + 1.0 / 5_040
    p = p * r + 1.0 / 720
    p = p * r + 1.0 / 120
    p = p * r + 1.0 / 24
    p = p * r + 1.0 / 6
    p = p * r + 0.5
    p = p * r + 1
    p = p * r + 1
    // The low bits of kShifted hold k; k + 64 + 1023 is the biased exponent of 2^(k + 64).
    let exponent = unsafeBitCast(kShifted, to: SIMD8<UInt64>.self) &- _roundingShifter.bitPattern &+ (1023 + 64)
    let e = p * unsafeBitCast(exponent &<< 52, to: SIMD8<Double>.self) * 0x1p-64
    return e.replacing(with: 1, where: z .>= 0) / (1 + e)
}
