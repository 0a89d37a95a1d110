//! Positions: the loader counts lines from 1 and columns in characters, the Language
//! Server Protocol counts both from 0 and columns in UTF-16 code units. [`Lines`] finds
//! a line in a file's bytes; the conversions clamp whatever a client sends (a column past
//! the end of its line, one in the middle of a surrogate pair, a line past the end) to
//! the nearest real place instead of failing.

use lsp_types::{Position, Range};

/// The byte offset where each line of a text starts.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    starts: Vec<u32>,
}

impl Lines {
    /// Indexes `bytes` (a file may be up to 128 MiB, so offsets fit in `u32`).
    pub fn of(bytes: &[u8]) -> Lines {
        let mut starts = vec![0];
        starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|&(_, &b)| b == b'\n')
                .map(|(i, _)| u32::try_from(i + 1).unwrap_or(u32::MAX)),
        );
        Lines { starts }
    }

    /// Number of lines (a text ending in a newline has an empty last line).
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// The bytes of 0-based line `line` without its line break, or `None` past the end.
    pub fn line<'a>(&self, bytes: &'a [u8], line: usize) -> Option<&'a [u8]> {
        let start = *self.starts.get(line)? as usize;
        let end = self
            .starts
            .get(line + 1)
            .map_or(bytes.len(), |&s| s as usize - 1);
        let text = bytes.get(start..end.max(start))?;
        Some(text.strip_suffix(b"\r").unwrap_or(text))
    }

    /// The byte offset of a 0-based line's start (the text's end past the last line).
    pub fn start(&self, line: usize, text_len: usize) -> usize {
        self.starts.get(line).map_or(text_len, |&s| s as usize)
    }
}

/// The UTF-16 length of the first `chars` characters of `line` (all of it if shorter).
pub fn utf16_of_chars(line: &str, chars: usize) -> u32 {
    let units: usize = line.chars().take(chars).map(char::len_utf16).sum();
    u32::try_from(units).unwrap_or(u32::MAX)
}

/// The byte offset in `line` of UTF-16 column `utf16`: past the end of the line, its
/// end; inside a character (half a surrogate pair), that character's start.
pub fn byte_of_utf16(line: &str, utf16: u32) -> usize {
    let mut units = 0u32;
    for (at, c) in line.char_indices() {
        let next = units + c.len_utf16() as u32;
        if next > utf16 {
            return at;
        }
        units = next;
    }
    line.len()
}

/// The line text for `line` (0-based), lossily decoded: positions of a file that is not
/// UTF-8 are still answered, up to the bad byte.
pub fn line_str(bytes: &[u8], lines: &Lines, line: usize) -> Option<String> {
    lines
        .line(bytes, line)
        .map(|l| String::from_utf8_lossy(l).into_owned())
}

/// The LSP range of a span given as a 1-based line and character column and a length
/// in characters, in the text `bytes`.
pub fn range_of(bytes: &[u8], lines: &Lines, line: u32, column: u32, len: u32) -> Range {
    let line0 = line.saturating_sub(1) as usize;
    let text = line_str(bytes, lines, line0).unwrap_or_default();
    let start = column.saturating_sub(1) as usize;
    let lsp_line = u32::try_from(line0).unwrap_or(u32::MAX);
    Range {
        start: Position::new(lsp_line, utf16_of_chars(&text, start)),
        end: Position::new(lsp_line, utf16_of_chars(&text, start + len as usize)),
    }
}

/// The byte offset in `text` of an LSP position, clamped into the text.
pub fn offset_of(text: &str, lines: &Lines, at: Position) -> usize {
    let line = at.line as usize;
    if line >= lines.len() {
        return text.len();
    }
    let start = lines.start(line, text.len());
    let line_text = lines
        .line(text.as_bytes(), line)
        .and_then(|l| std::str::from_utf8(l).ok())
        .unwrap_or("");
    start + byte_of_utf16(line_text, at.character)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units() {
        // `é` is one unit, `🦁` two (a surrogate pair).
        let line = "é🦁x";
        assert_eq!(utf16_of_chars(line, 0), 0);
        assert_eq!(utf16_of_chars(line, 2), 3);
        assert_eq!(utf16_of_chars(line, 3), 4);
        assert_eq!(utf16_of_chars(line, 99), 4);
        assert_eq!(byte_of_utf16(line, 1), 2);
        // The middle of the pair is clamped to its start; past the end to the end.
        assert_eq!(byte_of_utf16(line, 2), 2);
        assert_eq!(byte_of_utf16(line, 3), 6);
        assert_eq!(byte_of_utf16(line, 1000), line.len());
    }

    #[test]
    fn lines_and_offsets_clamp() {
        let text = "a: 1\r\nbé: 2\n";
        let lines = Lines::of(text.as_bytes());
        assert_eq!(lines.len(), 3);
        assert_eq!(lines.line(text.as_bytes(), 1), Some("bé: 2".as_bytes()));
        assert_eq!(lines.line(text.as_bytes(), 2), Some(&b""[..]));
        assert_eq!(lines.line(text.as_bytes(), 3), None);
        assert_eq!(offset_of(text, &lines, Position::new(1, 2)), 6 + 3);
        assert_eq!(offset_of(text, &lines, Position::new(0, 500)), 4);
        assert_eq!(offset_of(text, &lines, Position::new(9, 0)), text.len());
        let r = range_of(text.as_bytes(), &lines, 2, 2, 1);
        assert_eq!((r.start.character, r.end.character), (1, 2));
    }
}
