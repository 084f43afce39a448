//! `Fixed(x, d)` writes `x` with `d` decimals, exactly as `format!("{x:.d$}")` does, in
//! integer arithmetic.
//!
//! The standard library's float formatting (Grisu with a Dragon4 fallback, and its tables)
//! is about 12 KB of the page's wasm; sizes, percentages, zoom levels and SVG coordinates
//! are all this app ever formats, so one small exact routine replaces it. Exact means: the
//! binary value of `x` is rounded to `d` decimals, ties to even, as the standard library
//! does; `-` is written for every negative value including `-0.0`; `NaN`, `inf`, `-inf`.

use std::fmt;

/// At most this many decimals (more is clamped): enough for every use in the app, and it
/// keeps `mantissa × 10^d` inside a `u128`.
pub const MAX_DECIMALS: usize = 9;

#[derive(Clone, Copy, Debug)]
pub struct Fixed(pub f64, pub usize);

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (x, d) = (self.0, self.1.min(MAX_DECIMALS));
        if x.is_nan() {
            return f.write_str("NaN");
        }
        if x.is_sign_negative() {
            f.write_str("-")?;
        }
        if x.is_infinite() {
            return f.write_str("inf");
        }
        let bits = x.abs().to_bits();
        let biased = ((bits >> 52) & 0x7ff) as i32;
        let fraction = bits & ((1u64 << 52) - 1);
        // x = m × 2^e exactly.
        let (m, e) = if biased == 0 {
            (fraction, -1074)
        } else {
            (fraction | (1u64 << 52), biased - 1075)
        };
        let scale = 10u128.pow(d as u32);
        if e >= 0 {
            // An integer: its decimals are zeros.
            write_integer(f, m, e as u32)?;
            return write_decimals(f, 0, d);
        }
        // Round m × 10^d / 2^k to an integer, ties to even.
        let k = (-e) as u32;
        let n = u128::from(m) * scale; // < 2^53 × 10^9 < 2^83
        let q = if k >= 100 {
            0 // n / 2^k < 2^-17: rounds to zero
        } else {
            let q = n >> k;
            let rem = n & ((1u128 << k) - 1);
            let half = 1u128 << (k - 1);
            q + u128::from(rem > half || (rem == half && q & 1 == 1))
        };
        write!(f, "{}", q / scale)?;
        write_decimals(f, (q % scale) as u64, d)
    }
}

fn write_decimals(f: &mut fmt::Formatter<'_>, digits: u64, d: usize) -> fmt::Result {
    if d == 0 {
        return Ok(());
    }
    write!(f, ".{digits:0d$}")
}

/// Writes m × 2^e, an integer of up to 309 digits.
fn write_integer(f: &mut fmt::Formatter<'_>, m: u64, e: u32) -> fmt::Result {
    if e <= 74 {
        return write!(f, "{}", u128::from(m) << e); // < 2^127
    }
    // Base 10^9 limbs, least significant first, doubled e times (e ≤ 971: at most ~35
    // limbs, ~34 000 steps, no recursion).
    const BASE: u64 = 1_000_000_000;
    let mut limbs = vec![m % BASE, m / BASE % BASE, m / BASE / BASE];
    for _ in 0..e {
        let mut carry = 0;
        for limb in &mut limbs {
            let v = *limb * 2 + carry;
            *limb = v % BASE;
            carry = v / BASE;
        }
        if carry > 0 {
            limbs.push(carry);
        }
    }
    while limbs.len() > 1 && limbs.last() == Some(&0) {
        limbs.pop();
    }
    let mut iter = limbs.iter().rev();
    if let Some(top) = iter.next() {
        write!(f, "{top}")?;
    }
    for limb in iter {
        write!(f, "{limb:09}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::Fixed;

    fn check(v: f64) {
        for d in 0..=4 {
            assert_eq!(
                Fixed(v, d).to_string(),
                format!("{v:.d$}"),
                "{v:e} with {d}"
            );
        }
    }

    #[test]
    fn writes_what_the_standard_formatting_writes() {
        for v in [
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            -2.5,
            0.25,
            0.125,
            0.375,
            0.05,
            0.15,
            0.35,
            1.15,
            1.45,
            -0.04,
            99.95,
            1e14,
            1e16,
            -1e16,
            1e22,
            1.7976931348623157e308,
            f64::MIN_POSITIVE,
            5e-324,
            -5e-324,
            1e-5,
            0.000049999,
            2f64.powi(74),
            2f64.powi(75) + 2f64.powi(23),
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1234.5678,
            0.94999999,
        ] {
            check(v);
        }
        // Coordinates and sizes as the app produces them, and every twentieth near them.
        let mut x = -3.0f64;
        while x < 3000.0 {
            check(x);
            check(x / 3.0);
            check(x * 1e6 / 7.0);
            x += 0.05;
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        /// Many bit patterns across the whole range, and values with three decimals.
        #[test]
        fn writes_what_the_standard_formatting_writes_for_any_bits(s in any::<u64>()) {
            check(f64::from_bits(s));
            check((s % 10_000_000) as f64 / 1000.0);
        }
    }

    #[test]
    fn clamps_decimals() {
        assert_eq!(Fixed(0.1, 40).to_string(), format!("{:.9}", 0.1));
    }
}
