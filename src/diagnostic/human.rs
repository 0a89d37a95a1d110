//! rustc-style human output: the message, the `--> file:line:col` arrow, the source line
//! with a caret under the offending value, and help and notes below it. Control characters
//! from the input are shown as visible symbols, so no file can drive the terminal. The
//! caret is placed by display width (a CJK character or an emoji takes two columns), and
//! colours, when asked for, are ANSI codes this module writes around its own words only.

use std::fmt::Write as _;
use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::{Diagnostic, Location, Severity, SourceCache, Summary};
use crate::printable::printable;

/// Longest source line shown in full; longer lines are cut around the caret.
const MAX_SHOWN_CHARS: usize = 160;

/// Writes every diagnostic, then the summary line, without colours.
pub fn render_human(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    summary: &Summary,
    sources: &mut SourceCache<'_>,
) -> io::Result<()> {
    render_human_styled(out, diagnostics, summary, sources, false)
}

/// Writes every diagnostic, then the summary line, with ANSI colours when `color`.
pub fn render_human_styled(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    summary: &Summary,
    sources: &mut SourceCache<'_>,
    color: bool,
) -> io::Result<()> {
    let paint = Paint(color);
    for diagnostic in diagnostics {
        out.write_all(format_one(diagnostic, sources, paint).as_bytes())?;
    }
    writeln!(out, "{}", paint.apply(BOLD, &summary.line()))
}

/// Bold, for the summary and the message.
const BOLD: &str = "1";
/// Bold red, for errors and their carets.
const RED: &str = "1;31";
/// Bold yellow, for warnings and their carets.
const YELLOW: &str = "1;33";
/// Bold blue, for the arrow and the gutter.
const BLUE: &str = "1;34";
/// Bold cyan, for `help` and `note`.
const CYAN: &str = "1;36";

/// Whether to colour: wraps text in an ANSI select-graphic-rendition code and a reset.
#[derive(Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn apply(self, code: &str, text: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

fn format_one(d: &Diagnostic, sources: &mut SourceCache<'_>, paint: Paint) -> String {
    let tone = match d.severity {
        Severity::Error => RED,
        Severity::Warning => YELLOW,
    };
    let mut s = format!(
        "{}{}\n",
        paint.apply(tone, &format!("{}[{}]", d.severity.as_str(), d.code)),
        paint.apply(BOLD, &format!(": {}", printable(&d.message)))
    );
    let gutter = d.location.as_ref().map_or(1, |l| l.line.to_string().len());
    let pad = " ".repeat(gutter);
    let bar = paint.apply(BLUE, &format!("{pad} |"));
    if let Some(loc) = &d.location {
        let _ = writeln!(
            s,
            "{}{}:{}:{}",
            paint.apply(BLUE, &format!("{pad}--> ")),
            printable(&loc.path),
            loc.line,
            loc.column
        );
        if let Some(line) = sources.line(loc.file_id, loc.line) {
            let (shown, caret_at, width) = excerpt(line, loc);
            let _ = writeln!(s, "{bar}");
            let number = paint.apply(BLUE, &format!("{} |", loc.line));
            let _ = writeln!(s, "{number} {shown}");
            let label = d
                .label
                .as_deref()
                .map_or(String::new(), |l| format!(" {}", printable(l)));
            let caret = paint.apply(tone, &format!("{}{label}", "^".repeat(width)));
            let _ = writeln!(s, "{bar} {caret_at}{caret}");
        }
    }
    if d.help.is_some() || d.related.is_some() {
        let _ = writeln!(s, "{bar}");
    }
    if let Some(related) = &d.related {
        let loc = &related.location;
        let _ = writeln!(
            s,
            "{pad} {} {} at {}:{}:{}",
            paint.apply(CYAN, "= note:"),
            printable(&related.note),
            printable(&loc.path),
            loc.line,
            loc.column
        );
    }
    if let Some(help) = &d.help {
        let _ = writeln!(
            s,
            "{pad} {} {}",
            paint.apply(CYAN, "= help:"),
            printable(help)
        );
    }
    s.push('\n');
    s
}

/// The part of `line` to show, the whitespace that puts the caret under the column, and the
/// caret's width, both in display columns of the text as shown (a wide character counts
/// two). Tabs are kept so the caret lines up in any terminal.
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
    for &c in &chars[start..col] {
        if c == '\t' {
            lead.push('\t');
        } else {
            lead.extend(std::iter::repeat_n(' ', shown_width(c)));
        }
    }
    let room = end.saturating_sub(col).max(1);
    let len = (loc.len as usize).clamp(1, room);
    let width = chars[col..(col + len).min(end)]
        .iter()
        .map(|&c| shown_width(c))
        .sum::<usize>()
        .max(1);
    (shown, lead, width)
}

/// The columns a character takes once shown through [`printable`] (a control character
/// becomes a visible symbol).
fn shown_width(c: char) -> usize {
    let mut buf = [0; 4];
    printable(c.encode_utf8(&mut buf)).width()
}
