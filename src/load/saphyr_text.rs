//! The text saphyr-parser is given, and its positions converted to the tree's spans.
//!
//! saphyr-parser reads the end of the text as a line break, except after a last line of
//! only spaces, which it takes for one more blank line of an open block scalar and keeps
//! even when clipping (`"a: |\n  x\n  "` reads as `"x\n\n"`, `"a: |\n  x\n  \n"` as
//! `"x\n"`). Such a line holds nothing, so ending it with a line break changes no meaning
//! and gives the value YAML defines, which is also the one the fast path reads: the
//! result never depends on which of them read the file. A position past the original end
//! (an error found there) is put where saphyr-parser puts the end of the original text,
//! so diagnostics do not move.

use std::borrow::Cow;

use crate::diagnostic::{FileId, Span};

/// The text to parse, and where the original one ended.
pub(crate) struct SaphyrText<'t> {
    /// The text to parse.
    pub text: Cow<'t, str>,
    /// Where the original text ends, when a line break was added.
    end: Option<End>,
}

/// The end of a text as saphyr-parser places it: after an implicit last line break, so at
/// the start of the line after the last one. A character index, a 1-based line and a
/// 0-based column.
#[derive(Clone, Copy)]
struct End {
    index: usize,
    line: usize,
    col: usize,
}

impl SaphyrText<'_> {
    /// Prepares `text` for saphyr-parser.
    pub fn new(text: &str) -> SaphyrText<'_> {
        let last = text.rfind(['\n', '\r']).map_or(text, |i| &text[i + 1..]);
        if last.is_empty() || last.bytes().any(|b| b != b' ') {
            return SaphyrText {
                text: Cow::Borrowed(text),
                end: None,
            };
        }
        let b = text.as_bytes();
        let breaks = (0..b.len())
            .filter(|&i| b[i] == b'\n' || b[i] == b'\r' && b.get(i + 1) != Some(&b'\n'))
            .count();
        SaphyrText {
            text: Cow::Owned(format!("{text}\n")),
            end: Some(End {
                index: text.chars().count(),
                line: breaks + 2,
                col: 0,
            }),
        }
    }

    /// A position of saphyr-parser's, as (index, line, 0-based column), kept within the
    /// original text.
    fn point(&self, m: saphyr_parser::Marker) -> (usize, usize, usize) {
        match self.end {
            Some(end) if m.index() > end.index => (end.index, end.line, end.col),
            _ => (m.index(), m.line(), m.col()),
        }
    }

    /// Converts saphyr-parser's span (0-based column, character indices) to ours.
    pub fn span(&self, file: FileId, s: saphyr_parser::Span) -> Span {
        let (start, line, col) = self.point(s.start);
        let (end, ..) = self.point(s.end);
        Span {
            file,
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(col + 1).unwrap_or(u32::MAX),
            len: u32::try_from(end.saturating_sub(start)).unwrap_or(u32::MAX),
        }
    }

    /// The one-character span of an error at `m`.
    pub fn error_span(&self, file: FileId, m: saphyr_parser::Marker) -> Span {
        let (_, line, col) = self.point(m);
        Span {
            file,
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(col + 1).unwrap_or(u32::MAX),
            len: 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use saphyr_parser::{Event, Parser};

    use super::*;

    /// Where saphyr-parser itself says `text` ends: the position of its stream end.
    fn saphyr_end(text: &str) -> (usize, usize, usize) {
        let mut end = (0, 0, 0);
        for next in Parser::new_from_str(text) {
            let (event, span) = next.expect("valid YAML");
            if event == Event::StreamEnd {
                end = (span.start.index(), span.start.line(), span.start.col());
            }
        }
        end
    }

    #[test]
    fn the_original_end_is_where_saphyr_parser_puts_it() {
        for text in [
            "  ",
            "a\n  ",
            "a: b\r\n\r\n   ",
            "a: b\rc: d\r ",
            "é: |\n  ü\n  ",
        ] {
            let t = SaphyrText::new(text);
            let end = t.end.expect("a line break is added");
            assert_eq!(t.text.strip_suffix('\n'), Some(text));
            assert_eq!((end.index, end.line, end.col), saphyr_end(text), "{text:?}");
        }
        for text in ["", "a: b\n", "a: b\n c", "a: b\n\t"] {
            let t = SaphyrText::new(text);
            assert!(t.end.is_none() && t.text == text, "{text:?}");
        }
    }
}
