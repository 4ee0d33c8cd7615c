//! The matcher's compact binary form.
//!
//! Compiling a dataset tokenizes every phrasing and every concept wording,
//! thousands of them; a browser page should not redo that on every view
//! for the bundled dataset, which never changes. `build.rs` compiles it
//! once and writes [`crate::matcher::Matcher::to_bytes`]'s output; the
//! widget reads it back with [`crate::matcher::Matcher::from_bytes`], which
//! only recomputes what is cheap to derive (term weights, the inverted
//! indexes), linear in the size of the index.
//!
//! The encoding is deliberately plain: unsigned LEB128 varints, strings as a
//! length and UTF-8 bytes, lists as a length and their items. A version
//! byte guards against reading an index written by another build.

use std::fmt;

/// First bytes of an index.
pub(crate) const MAGIC: &[u8; 4] = b"FMIX";
/// The layout's version.
pub(crate) const VERSION: u8 = 2;

/// Why an index could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexError {
    /// Byte offset where reading failed.
    pub offset: usize,
    /// What was wrong.
    pub message: &'static str,
}

impl fmt::Display for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "matcher index, byte {}: {}", self.offset, self.message)
    }
}

impl std::error::Error for IndexError {}

/// Writes the encoding.
#[derive(Default)]
pub(crate) struct Writer {
    pub(crate) bytes: Vec<u8>,
}

impl Writer {
    pub(crate) fn u32(&mut self, mut v: u32) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.bytes.push(b);
                return;
            }
            self.bytes.push(b | 0x80);
        }
    }

    pub(crate) fn usize(&mut self, v: usize) {
        self.u32(u32::try_from(v).unwrap_or(u32::MAX));
    }

    pub(crate) fn bool(&mut self, v: bool) {
        self.bytes.push(u8::from(v));
    }

    pub(crate) fn str(&mut self, s: &str) {
        self.usize(s.len());
        self.bytes.extend_from_slice(s.as_bytes());
    }

    pub(crate) fn u32s(&mut self, v: &[u32]) {
        self.usize(v.len());
        for &x in v {
            self.u32(x);
        }
    }
}

/// Reads the encoding; every read checks its bounds.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    pub(crate) fn fail<T>(&self, message: &'static str) -> Result<T, IndexError> {
        Err(IndexError { offset: self.pos, message })
    }

    pub(crate) fn byte(&mut self) -> Result<u8, IndexError> {
        let Some(&b) = self.bytes.get(self.pos) else { return self.fail("unexpected end") };
        self.pos += 1;
        Ok(b)
    }

    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], IndexError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let Some(end) = end else { return self.fail("unexpected end") };
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    pub(crate) fn u32(&mut self) -> Result<u32, IndexError> {
        let mut v: u32 = 0;
        for shift in (0..35).step_by(7) {
            let b = self.byte()?;
            v |= u32::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        self.fail("varint too long")
    }

    pub(crate) fn usize(&mut self) -> Result<usize, IndexError> {
        Ok(self.u32()? as usize)
    }

    /// A length, checked against what is left to read (each item takes at
    /// least a byte), so a corrupt length cannot ask for a huge allocation.
    pub(crate) fn len(&mut self) -> Result<usize, IndexError> {
        let n = self.usize()?;
        if n > self.bytes.len() - self.pos {
            return self.fail("length beyond the end");
        }
        Ok(n)
    }

    pub(crate) fn bool(&mut self) -> Result<bool, IndexError> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => self.fail("not a boolean"),
        }
    }

    pub(crate) fn str(&mut self) -> Result<&'a str, IndexError> {
        let n = self.len()?;
        let b = self.take(n)?;
        std::str::from_utf8(b).or_else(|_| self.fail("not UTF-8"))
    }

    pub(crate) fn u32s(&mut self) -> Result<Vec<u32>, IndexError> {
        let n = self.len()?;
        (0..n).map(|_| self.u32()).collect()
    }

    /// Bytes left to read.
    pub(crate) fn len_left(&self) -> usize {
        self.bytes.len() - self.pos
    }

    pub(crate) fn done(&self) -> bool {
        self.pos == self.bytes.len()
    }
}
