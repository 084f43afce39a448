//! HEALTHCHECK's flag values as BuildKit's `parseHealthcheck` checks them while it parses
//! every instruction (moby/buildkit `frontend/dockerfile/instructions/parse.go`,
//! `parseOptInterval`): `--interval`, `--timeout`, `--start-period` and `--start-interval`
//! are Go durations (`time.ParseDuration`) of at least 1ms unless 0, and `--retries` a
//! 32-bit integer (`strconv.ParseInt`) that is not negative. A bad value fails the build
//! even in a stage that is never built.

use super::Instruction;
use crate::diagnostic::Diagnostic;
use crate::errors;

/// The first bad value, in the order BuildKit reads them.
pub(super) fn values(inst: &Instruction) -> Option<Diagnostic> {
    let flag = |name: &str| inst.flags.iter().rev().find(|f| f.name == name);
    for name in ["interval", "timeout", "start-period", "start-interval"] {
        let Some(f) = flag(name) else { continue };
        let v = f.value.as_deref().unwrap_or("");
        if v.is_empty() {
            continue;
        }
        let message = match duration_nanos(v) {
            Err(e) => e,
            Ok(0) => continue,
            Ok(ns) if ns < 1_000_000 => format!("Interval \"{name}\" cannot be less than 1ms"),
            Ok(_) => continue,
        };
        return Some(Diagnostic::new(&errors::INVALID_FLAG, f.span, message));
    }
    let f = flag("retries")?;
    let v = f.value.as_deref().unwrap_or("");
    if v.is_empty() {
        return None;
    }
    let message = match parse_int32(v) {
        Err(e) => e,
        Ok(n) if n < 0 => format!("--retries cannot be negative ({n})"),
        Ok(_) => return None,
    };
    Some(Diagnostic::new(&errors::INVALID_FLAG, f.span, message))
}

/// Go's `strconv.Quote`, enough for the messages: quotes and backslashes escaped.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `time.ParseDuration` (Go's `time/format.go`): the signed nanoseconds, or its error
/// message. Values past Go's int64 range are "invalid duration", as in Go.
fn duration_nanos(orig: &str) -> Result<i128, String> {
    let invalid = || format!("time: invalid duration {}", quote(orig));
    let mut s = orig;
    let mut neg = false;
    if let Some(rest) = s.strip_prefix('-') {
        neg = true;
        s = rest;
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest;
    }
    if s == "0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    let limit: i128 = 1 << 63;
    let mut total: i128 = 0;
    while !s.is_empty() {
        let b = s.as_bytes();
        if !(b[0] == b'.' || b[0].is_ascii_digit()) {
            return Err(invalid());
        }
        let int_len = b.iter().take_while(|c| c.is_ascii_digit()).count();
        let mut v: i128 = 0;
        for &c in &b[..int_len] {
            v = v * 10 + i128::from(c - b'0');
            if v > limit {
                return Err(invalid());
            }
        }
        s = &s[int_len..];
        // The fraction, as digits over a power of ten (extra digits past 18 only round).
        let (mut f, mut scale, mut post) = (0i128, 1i128, false);
        if let Some(rest) = s.strip_prefix('.') {
            let frac_len = rest.bytes().take_while(u8::is_ascii_digit).count();
            for &c in rest.as_bytes()[..frac_len].iter().take(18) {
                f = f * 10 + i128::from(c - b'0');
                scale *= 10;
            }
            post = frac_len > 0;
            s = &rest[frac_len..];
        }
        if int_len == 0 && !post {
            return Err(invalid());
        }
        let unit_len = s
            .bytes()
            .take_while(|c| *c != b'.' && !c.is_ascii_digit())
            .count();
        if unit_len == 0 {
            return Err(format!("time: missing unit in duration {}", quote(orig)));
        }
        let unit = &s[..unit_len];
        s = &s[unit_len..];
        let per: i128 = match unit {
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => {
                return Err(format!(
                    "time: unknown unit {} in duration {}",
                    quote(unit),
                    quote(orig)
                ));
            }
        };
        total += v * per + f * per / scale;
        if total > limit {
            return Err(invalid());
        }
    }
    if !neg && total > limit - 1 {
        return Err(invalid());
    }
    Ok(if neg { -total } else { total })
}

/// `strconv.ParseInt(s, 10, 32)`: the value, or Go's error message.
fn parse_int32(s: &str) -> Result<i64, String> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "strconv.ParseInt: parsing {}: invalid syntax",
            quote(s)
        ));
    }
    let range = || format!("strconv.ParseInt: parsing {}: value out of range", quote(s));
    let magnitude: i64 = digits
        .get(digits.len().saturating_sub(12)..)
        .filter(|_| digits.trim_start_matches('0').len() <= 11)
        .and_then(|d| d.parse().ok())
        .ok_or_else(range)?;
    let n = if s.starts_with('-') {
        -magnitude
    } else {
        magnitude
    };
    if n < i64::from(i32::MIN) || n > i64::from(i32::MAX) {
        return Err(range());
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_their_errors_read_as_go_writes_them() {
        assert_eq!(duration_nanos("30s"), Ok(30_000_000_000));
        assert_eq!(duration_nanos("1m30s"), Ok(90_000_000_000));
        assert_eq!(duration_nanos("1.5ms"), Ok(1_500_000));
        assert_eq!(duration_nanos("-2h"), Ok(-7_200_000_000_000));
        assert_eq!(duration_nanos("0"), Ok(0));
        assert_eq!(
            duration_nanos("5"),
            Err("time: missing unit in duration \"5\"".into())
        );
        assert_eq!(
            duration_nanos("5x"),
            Err("time: unknown unit \"x\" in duration \"5x\"".into())
        );
        assert_eq!(
            duration_nanos("abc"),
            Err("time: invalid duration \"abc\"".into())
        );
        assert_eq!(
            duration_nanos("."),
            Err("time: invalid duration \".\"".into())
        );
        assert_eq!(
            duration_nanos("99999999999h"),
            Err("time: invalid duration \"99999999999h\"".into())
        );
    }

    #[test]
    fn retries_read_as_strconv_parses_them() {
        assert_eq!(parse_int32("3"), Ok(3));
        assert_eq!(parse_int32("-1"), Ok(-1));
        assert_eq!(parse_int32("007"), Ok(7));
        assert_eq!(
            parse_int32("x"),
            Err("strconv.ParseInt: parsing \"x\": invalid syntax".into())
        );
        assert_eq!(
            parse_int32("3000000000"),
            Err("strconv.ParseInt: parsing \"3000000000\": value out of range".into())
        );
    }
}
