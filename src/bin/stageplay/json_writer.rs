//! A serde serializer that writes exactly what `serde_json::to_writer_pretty` writes (two
//! spaces of indent), only faster: the CLI's JSON of a 500 KB Dockerfile is 1.5 MB in about
//! 600,000 pieces, and serde_json's generic formatter spent 26 M instructions on them
//! (docs/performance.md#cli).
//!
//! The speed comes from three things: every piece goes into one `Vec<u8>` that is handed to
//! the real writer in blocks of about 1 MB; a struct's field name, which serde gives as a
//! `&'static str`, is written with its line break, indent and quotes in one copy when it
//! needs no escape; and a string is scanned once for the bytes JSON escapes and copied
//! whole when it has none. Floats and 128-bit integers, which the CLI's JSON does not have,
//! are written by serde_json itself, so nothing is formatted two ways.

use std::fmt::Display;
use std::io::{self, Write};

use serde::ser::{self, Serialize};

/// How much is gathered before it is handed to the writer: 512 KB. The kernel takes fewer,
/// larger writes into a file for less (the ×20 file's 1.5 MB in two writes of 1 MB blocks
/// instead of 24 of 64 KB cost 0.1–0.3 ms less CPU a run), but a buffer of 1.5 MB, the run's
/// largest block and its last, fits in no room the analysis freed: 512 KB blocks (three
/// writes) cost about 0.3–0.5 ms less than 1 MB ones since the CLI's allocator reuses freed
/// room (docs/performance.md#cli).
const BLOCK: usize = 512 << 10;

/// A line break and spaces enough for 32 levels of indent, written in one copy.
const NEWLINE_SPACES: &[u8; 65] =
    b"\n                                                                ";

/// A comma, a line break and spaces: the start of an item's line, copied as a window of
/// [`LINE_WINDOW`] bytes (a copy whose length the compiler knows is a few moves, where a
/// copy of the line's own length is a call to `memcpy`) and then cut to its length.
const COMMA_NEWLINE_SPACES: &[u8; 2 + LINE_WINDOW] =
    b",\n                                                ";

/// The bytes copied for the start of a line: room for a comma, a line break, 22 levels of
/// indent and a quote. Deeper lines take [`NEWLINE_SPACES`].
const LINE_WINDOW: usize = 48;

/// Writes `value` as pretty-printed JSON into `sink`: the bytes of
/// `serde_json::to_writer_pretty(sink, value)`.
#[cfg(test)]
pub fn to_writer_pretty<W: Write, T: Serialize + ?Sized>(sink: W, value: &T) -> io::Result<()> {
    to_writer_pretty_with(sink, value, &|_, _| None)
}

/// Writes the value of a field of the top-level object instead of serde, given the field's
/// name and the output after `"name": `; `None` leaves the field to serde. The CLI writes the
/// report's long lists this way (`report_json.rs`).
pub type Shortcut<'s> = &'s dyn Fn(&'static str, &mut Direct<'_>) -> Option<io::Result<()>>;

/// [`to_writer_pretty`], with the top-level fields [`Shortcut`] takes written by it.
pub fn to_writer_pretty_with<W: Write, T: Serialize + ?Sized>(
    sink: W,
    value: &T,
    shortcut: Shortcut<'_>,
) -> io::Result<()> {
    let mut w = Pretty {
        out: Vec::with_capacity(BLOCK + BLOCK / 2),
        sink,
        depth: 0,
        shortcut,
    };
    value.serialize(&mut w).map_err(|e| e.0)?;
    w.flush_block()?;
    w.sink.flush()
}

/// Where a [`Shortcut`] writes: the writer's output, and its sink for the full blocks.
pub struct Direct<'a> {
    out: &'a mut Vec<u8>,
    sink: &'a mut dyn Write,
}

impl Direct<'_> {
    /// Bytes that are already JSON: brackets, field names with their line breaks and
    /// indent (constants, so that the copy needs no call).
    #[inline]
    pub fn raw(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }

    /// `"text"` with serde_json's escapes.
    #[inline]
    pub fn string(&mut self, text: &str) {
        write_string(self.out, text);
    }

    /// A string or `null`.
    #[inline]
    pub fn option_string(&mut self, text: Option<&str>) {
        match text {
            Some(t) => write_string(self.out, t),
            None => self.out.extend_from_slice(b"null"),
        }
    }

    #[inline]
    pub fn unsigned(&mut self, n: usize) {
        write_unsigned(self.out, n as u64);
    }

    /// A number or `null`.
    #[inline]
    pub fn option_unsigned(&mut self, n: Option<usize>) {
        match n {
            Some(n) => write_unsigned(self.out, n as u64),
            None => self.out.extend_from_slice(b"null"),
        }
    }

    #[inline]
    pub fn bool(&mut self, v: bool) {
        self.out
            .extend_from_slice(if v { b"true" as &[u8] } else { b"false" });
    }

    /// After each item of a list: hands a full block to the sink, as the serde path does.
    #[inline]
    pub fn item_done(&mut self) -> io::Result<()> {
        flush_full(self.out, self.sink)
    }
}

/// Hands what was gathered in `out` to `sink` once it holds a full block.
#[inline]
fn flush_full<S: Write + ?Sized>(out: &mut Vec<u8>, sink: &mut S) -> io::Result<()> {
    if out.len() >= BLOCK {
        sink.write_all(out)?;
        out.clear();
    }
    Ok(())
}

/// The writer's error: an IO error of the sink, or a message from a `Serialize` impl.
#[derive(Debug)]
pub struct Error(io::Error);

impl Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(io::Error::other(msg.to_string()))
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error(e)
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error(io::Error::other(e))
    }
}

struct Pretty<'s, W> {
    out: Vec<u8>,
    sink: W,
    /// The current level of indent, in levels of two spaces.
    depth: usize,
    shortcut: Shortcut<'s>,
}

/// The JSON escape of a byte below 0x20 or `"` and `\`, as serde_json writes it: 0 needs
/// none; `u` is `\u00XX`; any other byte is the letter after the backslash.
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = b'u';
        i += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// "00" to "99", for writing two digits at a time.
const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
    2021222324252627282930313233343536373839\
    4041424344454647484950515253545556575859\
    6061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899";

/// How many bytes at the start of `bytes` surely need no escape, found eight at a time: a
/// word is clean when none of its bytes is below 0x20, a quote or a backslash (the classic test for
/// a zero byte, applied to the byte XOR each of those).
fn clean_prefix(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    let mut done = 0;
    for chunk in bytes.chunks_exact(8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // A byte below 0x20 has its three high bits clear: (b & 0xe0) == 0.
        let control = has_zero(word & 0xe0e0_e0e0_e0e0_e0e0);
        let quote = has_zero(word ^ (ONES * u64::from(b'"')));
        let backslash = has_zero(word ^ (ONES * u64::from(b'\\')));
        if control | quote | backslash != 0 {
            break;
        }
        done += 8;
    }
    done
}

/// `"text"` with serde_json's escapes.
#[inline]
fn write_string(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0;
    // Most strings have nothing to escape: eight bytes at a time up to the word that
    // may need it, then byte by byte with the table through that word, and again eight
    // at a time after an escape (a message quotes a name: two escapes among clean runs).
    let mut i = clean_prefix(bytes);
    while let Some(&b) = bytes.get(i) {
        let escape = ESCAPE[b as usize];
        if escape == 0 {
            i += 1;
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        start = i + 1;
        if escape == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX[(b >> 4) as usize]);
            out.push(HEX[(b & 0xf) as usize]);
        } else {
            out.push(b'\\');
            out.push(escape);
        }
        i = start + clean_prefix(bytes.get(start..).unwrap_or(&[]));
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// The decimal digits of `n`: one digit alone (most numbers of the report are small),
/// else two digits per division.
#[inline]
fn write_unsigned(out: &mut Vec<u8>, mut n: u64) {
    if n < 10 {
        out.push(b'0' + n as u8);
        return;
    }
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    while n >= 100 {
        let pair = (n % 100) as usize * 2;
        n /= 100;
        at -= 2;
        digits[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    }
    if n >= 10 {
        let pair = n as usize * 2;
        at -= 2;
        digits[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    } else {
        at -= 1;
        digits[at] = b'0' + n as u8;
    }
    out.extend_from_slice(&digits[at..]);
}

impl<'s, W: Write> Pretty<'s, W> {
    /// Hands what was gathered to the sink once a block is full.
    #[inline]
    fn maybe_flush(&mut self) -> Result<(), Error> {
        flush_full(&mut self.out, &mut self.sink).map_err(Error)
    }

    fn flush_block(&mut self) -> io::Result<()> {
        self.sink.write_all(&self.out)?;
        self.out.clear();
        Ok(())
    }

    /// A line break and the indent of the current level.
    #[inline]
    fn newline(&mut self) {
        self.line(false, false);
    }

    /// The start of an item's line: a comma after an earlier item, the line break and
    /// indent, and the opening quote of a field name, in one copy of a fixed length.
    #[inline]
    fn line(&mut self, comma: bool, quote: bool) {
        let len = self.out.len();
        let skip = usize::from(!comma);
        let want = 2 - skip + self.depth * 2 + usize::from(quote);
        if want <= LINE_WINDOW {
            self.out
                .extend_from_slice(&COMMA_NEWLINE_SPACES[skip..skip + LINE_WINDOW]);
            if quote && let Some(q) = self.out.get_mut(len + want - 1) {
                *q = b'"';
            }
            self.out.truncate(len + want);
            return;
        }
        if comma {
            self.out.push(b',');
        }
        self.indent();
        if quote {
            self.out.push(b'"');
        }
    }

    /// A line break and the indent of a level deeper than [`LINE_WINDOW`] holds, in one
    /// copy up to 32 levels.
    fn indent(&mut self) {
        let n = self.depth * 2;
        if let Some(line) = NEWLINE_SPACES.get(..n + 1) {
            self.out.extend_from_slice(line);
        } else {
            self.out.push(b'\n');
            for _ in 0..self.depth {
                self.out.extend_from_slice(b"  ");
            }
        }
    }

    /// `"text"` with serde_json's escapes.
    #[inline]
    fn string(&mut self, text: &str) {
        write_string(&mut self.out, text);
    }

    #[inline]
    fn unsigned(&mut self, n: u64) {
        write_unsigned(&mut self.out, n);
    }

    fn signed(&mut self, n: i64) {
        if n < 0 {
            self.out.push(b'-');
        }
        self.unsigned(n.unsigned_abs());
    }

    /// Anything written the way serde_json writes it, for the rare types this file does
    /// not format itself.
    fn by_serde_json<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        serde_json::to_writer(&mut self.out, value)?;
        Ok(())
    }

    fn open(&mut self, bracket: u8) -> Compound<'_, 's, W> {
        self.out.push(bracket);
        self.depth += 1;
        Compound {
            w: self,
            first: true,
            in_variant: false,
        }
    }

    /// An enum's tuple or struct variant: `{"Variant": [..]}` or `{"Variant": {..}}`, the
    /// compound inside an object of one field, which [`Compound::close`] closes too.
    fn open_variant(&mut self, variant: &str, bracket: u8) -> Compound<'_, 's, W> {
        let mut outer = self.open(b'{');
        outer.field_name(variant);
        let w = outer.w;
        let mut inner = w.open(bracket);
        inner.in_variant = true;
        inner
    }
}

/// An array or object being written: `first` until its first element.
struct Compound<'a, 's, W> {
    w: &'a mut Pretty<'s, W>,
    first: bool,
    /// Inside the one-field object of an enum's variant, which closes with it.
    in_variant: bool,
}

impl<W: Write> Compound<'_, '_, W> {
    #[inline]
    fn before_item(&mut self) {
        self.item_line(false);
    }

    /// The start of this item's line, a comma first unless it is the first item, and the
    /// opening quote of a field name when `quote`.
    #[inline]
    fn item_line(&mut self, quote: bool) {
        let comma = !self.first;
        self.first = false;
        self.w.line(comma, quote);
    }

    #[inline]
    fn close(self, bracket: u8) -> Result<(), Error> {
        self.w.depth -= 1;
        // An empty array or object closes on its line: `[]`, `{}`.
        if !self.first {
            self.w.newline();
        }
        self.w.out.push(bracket);
        if self.in_variant {
            self.w.depth -= 1;
            self.w.newline();
            self.w.out.push(b'}');
        }
        self.w.maybe_flush()
    }

    /// A field name, which serde gives as a constant: `,\n    "name": `. Field names are
    /// Rust identifiers (or serde's renames of them, none of which has a quote, a
    /// backslash or a control character), so they need no escape.
    #[inline]
    fn field_name(&mut self, key: &str) {
        self.item_line(true);
        self.w.out.extend_from_slice(key.as_bytes());
        self.w.out.extend_from_slice(b"\": ");
    }
}

impl<'a, 's, W: Write> ser::Serializer for &'a mut Pretty<'s, W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, 's, W>;
    type SerializeTuple = Compound<'a, 's, W>;
    type SerializeTupleStruct = Compound<'a, 's, W>;
    type SerializeTupleVariant = Compound<'a, 's, W>;
    type SerializeMap = Compound<'a, 's, W>;
    type SerializeStruct = Compound<'a, 's, W>;
    type SerializeStructVariant = Compound<'a, 's, W>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out
            .extend_from_slice(if v { b"true" as &[u8] } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.signed(v.into());
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.signed(v.into());
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.signed(v.into());
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.signed(v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        self.by_serde_json(&v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.unsigned(v.into());
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.unsigned(v.into());
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.unsigned(v.into());
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.unsigned(v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        self.by_serde_json(&v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.by_serde_json(&v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.by_serde_json(&v)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v);
        self.maybe_flush()
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        ser::Serializer::collect_seq(self, v)
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let mut m = self.open(b'{');
        m.field_name(variant);
        value.serialize(&mut *m.w)?;
        m.close(b'}')
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a, 's, W>, Error> {
        Ok(self.open(b'['))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Compound<'a, 's, W>, Error> {
        Ok(self.open(b'['))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 's, W>, Error> {
        Ok(self.open(b'['))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 's, W>, Error> {
        Ok(self.open_variant(variant, b'['))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a, 's, W>, Error> {
        Ok(self.open(b'{'))
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 's, W>, Error> {
        Ok(self.open(b'{'))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 's, W>, Error> {
        Ok(self.open_variant(variant, b'{'))
    }
}

impl<W: Write> ser::SerializeSeq for Compound<'_, '_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.before_item();
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        self.close(b']')
    }
}

impl<W: Write> ser::SerializeTuple for Compound<'_, '_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        self.close(b']')
    }
}

impl<W: Write> ser::SerializeTupleStruct for Compound<'_, '_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        self.close(b']')
    }
}

impl<W: Write> ser::SerializeMap for Compound<'_, '_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.before_item();
        key.serialize(MapKey(&mut *self.w))?;
        self.w.out.extend_from_slice(b": ");
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        self.close(b'}')
    }
}

impl<W: Write> ser::SerializeStruct for Compound<'_, '_, W> {
    type Ok = ();
    type Error = Error;
    #[inline]
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field_name(key);
        if self.w.depth == 1 {
            let w = &mut *self.w;
            let mut direct = Direct {
                out: &mut w.out,
                sink: &mut w.sink,
            };
            if let Some(done) = (w.shortcut)(key, &mut direct) {
                return done.map_err(Error);
            }
        }
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        self.close(b'}')
    }
}

impl<W: Write> ser::SerializeTupleVariant for Compound<'_, '_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        self.close(b']')
    }
}

impl<W: Write> ser::SerializeStructVariant for Compound<'_, '_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<(), Error> {
        self.close(b'}')
    }
}

/// A map key: JSON keys are strings, so numbers and booleans are quoted as serde_json
/// quotes them; anything else is an error, as in serde_json.
struct MapKey<'a, 's, W>(&'a mut Pretty<'s, W>);

impl<W: Write> MapKey<'_, '_, W> {
    fn quoted(self, f: impl FnOnce(&mut Pretty<'_, W>)) -> Result<(), Error> {
        self.0.out.push(b'"');
        f(self.0);
        self.0.out.push(b'"');
        Ok(())
    }
}

fn key_must_be_a_string() -> Error {
    ser::Error::custom("key must be a string")
}

impl<W: Write> ser::Serializer for MapKey<'_, '_, W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.0.string(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.0.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.0.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.quoted(|w| {
            w.out
                .extend_from_slice(if v { b"true" as &[u8] } else { b"false" })
        })
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.quoted(|w| w.signed(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.quoted(|w| w.signed(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.quoted(|w| w.signed(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.quoted(|w| w.signed(v))
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.quoted(|w| w.unsigned(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.quoted(|w| w.unsigned(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.quoted(|w| w.unsigned(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.quoted(|w| w.unsigned(v))
    }
    fn serialize_f32(self, _v: f32) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_f64(self, _v: f64) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_none(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_must_be_a_string())
    }
}

/// Calls `f` with every fixture of the core (its folder, its Dockerfile and its build
/// context), for the tests that compare the JSON written here with serde_json's; returns how
/// many there were.
#[cfg(test)]
pub(crate) fn each_fixture(mut f: impl FnMut(&std::path::Path, &str, Option<String>)) -> usize {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates/stageplay-analysis/tests/fixtures");
    let mut seen = 0;
    for kind in ["analysis", "files"] {
        let dirs = std::fs::read_dir(root.join(kind)).unwrap_or_else(|e| panic!("{kind}: {e}"));
        for dir in dirs.flatten() {
            let Ok(text) = std::fs::read_to_string(dir.path().join("Dockerfile")) else {
                continue;
            };
            let context = std::fs::read_to_string(dir.path().join("context.txt")).ok();
            f(&dir.path(), &text, context);
            seen += 1;
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use stageplay::analysis::{self, Options, export::JsonReport};

    /// What this writer writes, as text.
    fn ours<T: Serialize + ?Sized>(value: &T) -> String {
        let mut out = Vec::new();
        to_writer_pretty(&mut out, value).unwrap_or_else(|e| panic!("write failed: {e}"));
        String::from_utf8(out).unwrap_or_else(|e| panic!("not UTF-8: {e}"))
    }

    fn theirs<T: Serialize + ?Sized>(value: &T) -> String {
        serde_json::to_string_pretty(value).unwrap_or_else(|e| panic!("serde_json: {e}"))
    }

    #[derive(Serialize)]
    enum Shape {
        Unit,
        Newtype(u8),
        Tuple(i32, String),
        EmptyTuple(),
        Struct { a: Vec<u8>, b: Option<bool> },
        EmptyStruct {},
    }

    #[derive(Serialize)]
    #[serde(tag = "kind", rename_all = "lowercase")]
    enum Tagged {
        Image { name: String },
        Scratch,
    }

    #[derive(Serialize)]
    struct Every {
        text: String,
        chars: Vec<char>,
        numbers: (u8, u16, u32, u64, i8, i16, i32, i64, u128, i128),
        floats: (f32, f64, f64, f64),
        empty: (
            Vec<u8>,
            Vec<Vec<u8>>,
            std::collections::BTreeMap<String, u8>,
        ),
        nested: Vec<Vec<Vec<u64>>>,
        shapes: Vec<Shape>,
        tagged: Vec<Tagged>,
        map: std::collections::BTreeMap<u32, Option<String>>,
        unit: (),
        bytes: &'static [u8],
    }

    #[test]
    fn writes_the_bytes_serde_json_writes() {
        // Every byte JSON escapes, with the ones around them and non-ASCII text.
        let text: String = (0u8..0x80)
            .map(char::from)
            .chain("é≈한\u{2028}😀".chars())
            .collect();
        let value = Every {
            text: text.clone(),
            chars: text.chars().collect(),
            numbers: (
                0,
                65535,
                u32::MAX,
                u64::MAX,
                i8::MIN,
                -1,
                i32::MIN,
                i64::MIN,
                u128::MAX,
                i128::MIN,
            ),
            floats: (1.5, 0.1, f64::NAN, -1e300),
            empty: (Vec::new(), vec![Vec::new()], Default::default()),
            nested: vec![vec![], vec![vec![1, 2], vec![]], vec![vec![10_000_000_000]]],
            shapes: vec![
                Shape::Unit,
                Shape::Newtype(7),
                Shape::Tuple(-3, "a\"b".into()),
                Shape::EmptyTuple(),
                Shape::Struct {
                    a: vec![1],
                    b: None,
                },
                Shape::EmptyStruct {},
            ],
            tagged: vec![
                Tagged::Image {
                    name: "alpine".into(),
                },
                Tagged::Scratch,
            ],
            map: [(1, Some("x".into())), (20, None)].into_iter().collect(),
            unit: (),
            bytes: b"\x00\xff",
        };
        assert_eq!(ours(&value), theirs(&value));
        // Deeper than the one-copy indent (32 levels).
        let mut deep = serde_json::json!(["bottom"]);
        for _ in 0..40 {
            deep = serde_json::json!([deep, {"k": deep.clone()}]);
            if deep.to_string().len() > 100_000 {
                deep = serde_json::json!([deep[0].clone()]);
            }
        }
        assert_eq!(ours(&deep), theirs(&deep));
    }

    #[test]
    fn escapes_and_digits_at_every_position() {
        // The eight-bytes-at-a-time scan: each byte JSON escapes, and some it does not,
        // after 0 to 19 clean bytes and before a few more.
        let mut texts = Vec::new();
        for special in (0u8..0x20).chain([b'"', b'\\', b'!', b'#', b'[', 0x7f]) {
            for p in 0..20 {
                texts.push(format!("{}{}zzzzz", "a".repeat(p), char::from(special)));
            }
        }
        texts.push("é≈한😀\u{2028}".repeat(5));
        // Two escapes apart: the scan goes eight at a time again after the first.
        for p in 0..12 {
            for q in 0..20 {
                for (a, b) in [('"', '"'), ('\\', '\n'), ('\u{1}', '"')] {
                    texts.push(format!(
                        "{}{a}{}{b}{}",
                        "a".repeat(p),
                        "b".repeat(q),
                        "c".repeat(p)
                    ));
                }
            }
        }
        assert_eq!(ours(&texts), theirs(&texts));
        let mut numbers: Vec<u64> = (0..1000).collect();
        let mut p = 1u64;
        while let Some(next) = p.checked_mul(10) {
            numbers.extend([p - 1, p, p + 1]);
            p = next;
        }
        numbers.extend([u64::MAX, u64::MAX - 1]);
        assert_eq!(ours(&numbers), theirs(&numbers));
        let signed: Vec<i64> = numbers.iter().map(|&n| (n as i64).wrapping_neg()).collect();
        assert_eq!(ours(&signed), theirs(&signed));
    }

    /// The report of every fixture of the core, as `analyze --format json` writes it.
    #[test]
    fn writes_every_fixture_report_as_serde_json_does() {
        let seen = super::each_fixture(|dir, text, context| {
            let options = Options {
                context,
                ..Options::default()
            };
            let a = analysis::analyze(text, &options);
            let report = JsonReport::new(&a, text);
            assert_eq!(ours(&report), theirs(&report), "{}", dir.display());
        });
        assert!(seen > 200, "only {seen} fixtures found");
    }

    /// The kernel takes a file's bytes for less in few large writes: 1.5 MB of JSON reaches
    /// the sink in three (blocks of 512 KB, then the rest), not in 24 of 64 KB.
    #[test]
    fn large_output_reaches_the_sink_in_blocks_of_half_a_megabyte() {
        struct Counting {
            writes: Vec<usize>,
        }
        impl Write for Counting {
            fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
                self.writes.push(buf.len());
                Ok(buf.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let lines = vec!["x".repeat(1000); 1500];
        let mut sink = Counting { writes: Vec::new() };
        to_writer_pretty(&mut sink, &lines).unwrap_or_else(|e| panic!("write failed: {e}"));
        let total: usize = sink.writes.iter().sum();
        assert_eq!(total, ours(&lines).len());
        assert_eq!(sink.writes.len(), 3, "{:?}", sink.writes);
        assert!(
            sink.writes[..2].iter().all(|&n| n >= 512 << 10),
            "{:?}",
            sink.writes
        );
    }

    #[test]
    fn a_failing_sink_is_an_error() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::new(io::ErrorKind::StorageFull, "full"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let long = vec!["x".repeat(1000); 200];
        let e = to_writer_pretty(Full, &long).err().map(|e| e.kind());
        assert_eq!(e, Some(io::ErrorKind::StorageFull));
    }
}
