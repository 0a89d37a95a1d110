//! One file's raw edges packed into a byte buffer while they wait for validation.
//!
//! Edges are nearly all of a dataset, and a [`RawEdge`] spends 40 bytes on each field
//! (a string header and a span) and one allocation on each long value, so holding every
//! file's edges as structs took twice the dataset's size before any model existed. Packed,
//! an edge takes its text plus a few bytes per field: spans are varints, lines relative to
//! the previous span, and all of a file's spans share its [`FileId`]. Edges are packed as
//! the decoder makes them and unpacked one at a time by the edge checks.

use compact_str::CompactString;

use super::raw::{RawCitation, RawEdge, Spanned, Text};
use crate::diagnostic::{FileId, Span};

/// One file's edges, in document order.
#[derive(Debug, Clone, Default)]
pub struct PackedEdges {
    file: FileId,
    bytes: Vec<u8>,
    len: usize,
    /// The line of the last span written, which the next one is relative to.
    line: u32,
}

// Which optional fields an edge has, one bit each.
const ID: u16 = 1;
const FROM: u16 = 1 << 1;
const TO: u16 = 1 << 2;
const TYPE: u16 = 1 << 3;
const DATE: u16 = 1 << 4;
const START: u16 = 1 << 5;
const END: u16 = 1 << 6;
const CONFIDENCE: u16 = 1 << 7;
const SOURCES: u16 = 1 << 8;
const NOTES: u16 = 1 << 9;

// Which fields a citation has.
const REF: u16 = 1;
const QUOTE: u16 = 1 << 1;
const LOCATOR: u16 = 1 << 2;
const CREDIBILITY: u16 = 1 << 3;

impl PackedEdges {
    /// An empty list for the edges of `file`.
    pub fn new(file: FileId) -> PackedEdges {
        PackedEdges {
            file,
            ..PackedEdges::default()
        }
    }

    /// Number of edges.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there is no edge.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Bytes the packed edges take.
    #[cfg(test)]
    pub fn packed_bytes(&self) -> usize {
        self.bytes.len()
    }

    /// Appends an edge. Every span in it must be in this list's file.
    pub fn push(&mut self, edge: &RawEdge) {
        let fields = [
            (ID, &edge.id),
            (FROM, &edge.from),
            (TO, &edge.to),
            (TYPE, &edge.edge_type),
            (DATE, &edge.date),
            (START, &edge.start),
            (END, &edge.end),
            (CONFIDENCE, &edge.confidence),
        ];
        let mut present = fields
            .iter()
            .filter(|(_, f)| f.is_some())
            .fold(0, |bits, (bit, _)| bits | bit);
        if edge.sources.is_some() {
            present |= SOURCES;
        }
        if edge.notes.is_some() {
            present |= NOTES;
        }
        self.number(u64::from(present));
        self.span(edge.span);
        for text in fields.iter().filter_map(|(_, f)| f.as_ref()) {
            self.text(text);
        }
        if let Some(sources) = &edge.sources {
            self.span(sources.span);
            self.citations(&sources.value);
        }
        self.citations(&edge.disputed_by);
        if let Some(notes) = &edge.notes {
            self.text(notes);
        }
        self.len += 1;
    }

    /// Unpacks the edges one at a time, leaving the buffer in place (the language
    /// server indexes the records it then hands to validation).
    pub fn iter(&self) -> Unpack<&[u8]> {
        Unpack {
            file: self.file,
            bytes: &self.bytes,
            at: 0,
            left: self.len,
            line: 0,
        }
    }

    /// Releases what the growing buffer over-reserved.
    pub fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
    }

    fn citations(&mut self, list: &[RawCitation]) {
        self.number(list.len() as u64);
        for c in list {
            let fields = [
                (REF, &c.source),
                (QUOTE, &c.quote),
                (LOCATOR, &c.locator),
                (CREDIBILITY, &c.credibility),
            ];
            let present = fields
                .iter()
                .filter(|(_, f)| f.is_some())
                .fold(0, |bits, (bit, _)| bits | bit);
            self.number(u64::from(present));
            self.span(c.span);
            for text in fields.iter().filter_map(|(_, f)| f.as_ref()) {
                self.text(text);
            }
        }
    }

    fn text(&mut self, text: &Text) {
        self.span(text.span);
        self.number(text.value.len() as u64);
        self.bytes.extend_from_slice(text.value.as_bytes());
    }

    fn span(&mut self, span: Span) {
        debug_assert_eq!(span.file, self.file, "a span from another file");
        // The step from the last line, wrapping; zigzagged so that small steps back and
        // forth both take one byte.
        let delta = span.line.wrapping_sub(self.line).cast_signed();
        self.line = span.line;
        self.number(u64::from(((delta << 1) ^ (delta >> 31)).cast_unsigned()));
        self.number(u64::from(span.column));
        self.number(u64::from(span.len));
    }

    /// A LEB128 varint.
    fn number(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.bytes.push((n as u8) | 0x80);
            n >>= 7;
        }
        self.bytes.push(n as u8);
    }
}

impl IntoIterator for PackedEdges {
    type Item = RawEdge;
    type IntoIter = Unpack;

    /// Unpacks the edges one at a time, freeing the buffer with the iterator.
    fn into_iter(self) -> Unpack {
        Unpack {
            file: self.file,
            bytes: self.bytes,
            at: 0,
            left: self.len,
            line: 0,
        }
    }
}

/// Unpacks edges from a buffer written by [`PackedEdges::push`].
#[derive(Debug)]
pub struct Unpack<B = Vec<u8>> {
    file: FileId,
    bytes: B,
    at: usize,
    left: usize,
    line: u32,
}

impl<B: AsRef<[u8]>> Unpack<B> {
    fn edge(&mut self) -> RawEdge {
        let present = self.number() as u16;
        let span = self.span();
        let mut field = |bit| (present & bit != 0).then(|| self.text());
        let id = field(ID);
        let from = field(FROM);
        let to = field(TO);
        let edge_type = field(TYPE);
        let date = field(DATE);
        let start = field(START);
        let end = field(END);
        let confidence = field(CONFIDENCE);
        let sources = (present & SOURCES != 0).then(|| {
            let span = self.span();
            Spanned {
                value: self.citations(),
                span,
            }
        });
        let disputed_by = self.citations();
        let notes = (present & NOTES != 0).then(|| self.text());
        RawEdge {
            span,
            id,
            from,
            to,
            edge_type,
            date,
            start,
            end,
            confidence,
            sources,
            disputed_by,
            notes,
        }
    }

    fn citations(&mut self) -> Vec<RawCitation> {
        let n = self.number() as usize;
        (0..n)
            .map(|_| {
                let present = self.number() as u16;
                let span = self.span();
                let mut field = |bit| (present & bit != 0).then(|| self.text());
                RawCitation {
                    span,
                    source: field(REF),
                    quote: field(QUOTE),
                    locator: field(LOCATOR),
                    credibility: field(CREDIBILITY),
                }
            })
            .collect()
    }

    fn text(&mut self) -> Text {
        let span = self.span();
        let len = self.number() as usize;
        let bytes = &self.bytes.as_ref()[self.at..self.at + len];
        self.at += len;
        // Written from a `str`, so always UTF-8; checked because this crate has no unsafe.
        let value = std::str::from_utf8(bytes).map_or_else(
            |e| CompactString::from(String::from_utf8_lossy(&bytes[..e.valid_up_to()])),
            CompactString::from,
        );
        Spanned { value, span }
    }

    fn span(&mut self) -> Span {
        let zigzag = self.number() as u32;
        let delta = (zigzag >> 1).cast_signed() ^ -(zigzag & 1).cast_signed();
        self.line = self.line.wrapping_add(delta.cast_unsigned());
        let column = self.number() as u32;
        let len = self.number() as u32;
        Span {
            file: self.file,
            line: self.line,
            column,
            len,
        }
    }

    fn number(&mut self) -> u64 {
        let bytes = self.bytes.as_ref();
        let mut n = 0;
        let mut shift = 0;
        loop {
            let b = bytes[self.at];
            self.at += 1;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return n;
            }
            shift += 7;
        }
    }
}

impl<B: AsRef<[u8]>> Iterator for Unpack<B> {
    type Item = RawEdge;

    fn next(&mut self) -> Option<RawEdge> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        Some(self.edge())
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl<B: AsRef<[u8]>> ExactSizeIterator for Unpack<B> {}

#[cfg(test)]
mod tests;
