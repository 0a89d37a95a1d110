//! rustc-style human output: the message, the `--> file:line:col` arrow, the source line
//! with a caret under the offending value, and help and notes below it. Control characters
//! from the input are shown as visible symbols, so no file can drive the terminal.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Diagnostic, FileId, Files, Location, Summary};

/// Longest source line shown in full; longer lines are cut around the caret.
const MAX_SHOWN_CHARS: usize = 160;

/// Source lines of the file being reported on, read lazily.
///
/// Loading keeps no file text in memory, so rendering re-reads only the files it needs.
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
    fn read(path: &std::path::Path) -> Option<Source> {
        let bytes = std::fs::read(path).ok()?;
        let mut text = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
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

    /// The text of a 1-based line, without its line ending, or `None` when unreadable.
    fn line(&mut self, file: FileId, line: u32) -> Option<&str> {
        let files = self.files;
        if file.0 as usize >= files.len() || !files.shows_source(file) {
            return None;
        }
        if self.current.as_ref().is_none_or(|(id, _)| *id != file) {
            // Drop the previous file before reading the next one.
            self.current = None;
            self.current = Some((file, Source::read(files.path(file))));
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

/// Writes every diagnostic, then the summary line.
pub fn render_human(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    summary: &Summary,
    sources: &mut SourceCache<'_>,
) -> io::Result<()> {
    for diagnostic in diagnostics {
        out.write_all(format_one(diagnostic, sources).as_bytes())?;
    }
    writeln!(out, "{}", summary.line())
}

fn format_one(d: &Diagnostic, sources: &mut SourceCache<'_>) -> String {
    let mut s = format!(
        "{}[{}]: {}\n",
        d.severity.as_str(),
        d.code,
        printable(&d.message)
    );
    let gutter = d.location.as_ref().map_or(1, |l| l.line.to_string().len());
    let pad = " ".repeat(gutter);
    if let Some(loc) = &d.location {
        let _ = writeln!(s, "{pad}--> {}:{}:{}", loc.path, loc.line, loc.column);
        if let Some(line) = sources.line(loc.file_id, loc.line) {
            let (shown, caret_at, width) = excerpt(line, loc);
            let _ = writeln!(s, "{pad} |");
            let _ = writeln!(s, "{} | {}", loc.line, shown);
            let label = d
                .label
                .as_deref()
                .map_or(String::new(), |l| format!(" {}", printable(l)));
            let _ = writeln!(s, "{pad} | {caret_at}{}{label}", "^".repeat(width));
        }
    }
    if d.help.is_some() || d.related.is_some() {
        let _ = writeln!(s, "{pad} |");
    }
    if let Some(related) = &d.related {
        let loc = &related.location;
        let _ = writeln!(
            s,
            "{pad} = note: {} at {}:{}:{}",
            printable(&related.note),
            loc.path,
            loc.line,
            loc.column
        );
    }
    if let Some(help) = &d.help {
        let _ = writeln!(s, "{pad} = help: {}", printable(help));
    }
    s.push('\n');
    s
}

/// `s` with every control character but tab replaced by a visible symbol of the same width:
/// C0 controls and DEL by their Control Pictures (U+2400 block), C1 controls by U+FFFD.
fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() && c != '\t') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\t' => c,
                '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
                '\u{7f}' => '\u{2421}',
                c if c.is_control() => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

/// The part of `line` to show, the whitespace that puts the caret under the column, and the
/// caret's width. Tabs are kept so the caret lines up in any terminal.
fn excerpt(line: &str, loc: &Location) -> (String, String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let col = (loc.column as usize).saturating_sub(1).min(chars.len());
    let (start, end) = if chars.len() <= MAX_SHOWN_CHARS {
        (0, chars.len())
    } else {
        let start = col.saturating_sub(40);
        (start, (start + MAX_SHOWN_CHARS).min(chars.len()))
    };
    let mut shown = printable(&chars[start..end].iter().collect::<String>()).into_owned();
    let mut lead = String::new();
    if start > 0 {
        shown.insert(0, '…');
        lead.push(' ');
    }
    if end < chars.len() {
        shown.push('…');
    }
    lead.extend(
        chars[start..col]
            .iter()
            .map(|&c| if c == '\t' { '\t' } else { ' ' }),
    );
    let room = end.saturating_sub(col).max(1);
    let width = (loc.len as usize).clamp(1, room);
    (shown, lead, width)
}

#[cfg(test)]
mod tests {
    use super::{line_ranges, printable};

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

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(printable("plain\ttext, عربي"), "plain\ttext, عربي");
        assert_eq!(
            printable("a\u{0}b\u{1b}[31mc\r"),
            "a\u{2400}b\u{241b}[31mc\u{240d}"
        );
        assert_eq!(printable("del\u{7f} c1\u{92}"), "del\u{2421} c1\u{fffd}");
    }
}
