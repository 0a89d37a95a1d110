//! rustc-style human output: the message, the `--> file:line:col` arrow, the source line
//! with a caret under the offending value, and help and notes below it. Control characters
//! from the input are shown as visible symbols, so no file can drive the terminal.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Diagnostic, Location, SourceCache, Summary};

/// Longest source line shown in full; longer lines are cut around the caret.
const MAX_SHOWN_CHARS: usize = 160;

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
    use super::printable;

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
