//! rustc-style human output: the message, the `--> file:line:col` arrow, the source line
//! with a caret under the offending value, and help and notes below it. Control characters
//! from the input are shown as visible symbols, so no file can drive the terminal.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Diagnostic, Location, SourceCache, Summary};
use crate::printable::printable;

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
        let _ = writeln!(
            s,
            "{pad}--> {}:{}:{}",
            printable(&loc.path),
            loc.line,
            loc.column
        );
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
            printable(&loc.path),
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
