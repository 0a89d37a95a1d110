//! The source lines a report quotes. Loading keeps no file text in memory, so the report
//! re-reads the files that have diagnostics, and quotes a line only if the file it reads is
//! exactly what was parsed: the same file (device and inode), with the same length and
//! hash, and text (valid UTF-8 without NUL bytes). A file replaced, edited, turned into a
//! pipe or gone since it was read, or one that never decoded as text, is quoted nowhere.
//! A file held in memory (a git revision's blob) is quoted from that memory, under the
//! same rule that only text is quoted.

use std::path::Path;

use super::{FileId, Files};
use crate::load::open::{self, Fingerprint};

/// Source lines of the file being reported on, read lazily.
///
/// Reports are sorted by file, so only the current file is kept: each file is read and its
/// lines indexed once, and memory holds one file's text however many files have diagnostics.
pub struct SourceCache<'f> {
    files: &'f Files,
    current: Option<(FileId, Option<Source>)>,
}

/// One file's text (without a byte order mark) and the byte range of each line.
struct Source {
    text: String,
    lines: Vec<(usize, usize)>,
}

impl Source {
    /// The file at `path` if it still holds the bytes `print` describes.
    fn read(path: &Path, print: &Fingerprint) -> Option<Source> {
        Source::text(open::reread(path, print)?)
    }

    /// `bytes` as lines to quote, if they are text (UTF-8 without NUL bytes).
    fn text(bytes: Vec<u8>) -> Option<Source> {
        let mut text = String::from_utf8(bytes).ok()?;
        if text.contains('\0') {
            return None;
        }
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        // Some viewers break lines at these; a quote is one line. (Same width in bytes and
        // characters, so the line ranges and columns stay right.)
        if text.contains(['\u{2028}', '\u{2029}']) {
            text = text.replace(['\u{2028}', '\u{2029}'], "\u{fffd}");
        }
        let lines = line_ranges(&text);
        Some(Source { text, lines })
    }
}

impl<'f> SourceCache<'f> {
    /// A cache over the files of one run.
    pub fn new(files: &'f Files) -> Self {
        SourceCache {
            files,
            current: None,
        }
    }

    /// The text of a 1-based line, without its line ending, or `None` when the file cannot
    /// be quoted.
    pub(super) fn line(&mut self, file: FileId, line: u32) -> Option<&str> {
        let files = self.files;
        if file.0 as usize >= files.len() {
            return None;
        }
        if self.current.as_ref().is_none_or(|(id, _)| *id != file) {
            // Drop the previous file before reading the next one.
            self.current = None;
            let source = match files.content(file) {
                Some(content) => Source::text(content.to_vec()),
                None => files
                    .fingerprint(file)
                    .and_then(|print| Source::read(files.path(file), print)),
            };
            self.current = Some((file, source));
        }
        let source = self.current.as_ref()?.1.as_ref()?;
        let &(start, end) = source.lines.get((line as usize).checked_sub(1)?)?;
        source.text.get(start..end)
    }
}

/// The byte range of each line of `text` as YAML counts lines: ended by `\r\n`, `\n` or a
/// lone `\r`.
fn line_ranges(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut ranges = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                ranges.push((start, i));
                start = i + 1;
            }
            b'\r' => {
                ranges.push((start, i));
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    ranges.push((start, bytes.len()));
    ranges
}

#[cfg(test)]
mod tests {
    use super::line_ranges;

    #[test]
    fn lines_end_like_yaml_lines() {
        let text = "a\r\nb\nc\rd\r\n";
        let lines: Vec<&str> = line_ranges(text)
            .iter()
            .map(|&(s, e)| &text[s..e])
            .collect();
        assert_eq!(lines, ["a", "b", "c", "d", ""]);
        assert_eq!(line_ranges(""), [(0, 0)]);
    }
}
