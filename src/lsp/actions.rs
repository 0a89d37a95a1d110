//! Quick fixes for the diagnostics whose help carries a replacement: a did-you-mean id,
//! key or type (`did you mean `x`?`), a date in another notation (`c. 2016` → `2016~`,
//! `July 2020` → `2020-07`), and a value holding `: ` that must be quoted. The fix is
//! read from the diagnostic the client sends back (its `data.help`), and applies to the
//! buffer as it is now.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Diagnostic, Range, TextEdit,
    WorkspaceEdit,
};

use super::diagnostics::SOURCE;
use super::position::{Lines, line_str};
use super::view::View;

/// The quick fixes for the diagnostics in the request.
pub fn actions(view: &View<'_>, params: &CodeActionParams) -> Option<Vec<CodeActionOrCommand>> {
    let uri = &params.text_document.uri;
    let path = view.workspace.path_of(uri.as_str())?;
    let (bytes, lines) = view.text(&path)?;
    let mut out = Vec::new();
    for d in &params.context.diagnostics {
        if d.source.as_deref() != Some(SOURCE) {
            continue;
        }
        let Some((title, edit)) = fix(d, bytes, lines) else {
            continue;
        };
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![d.clone()]),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                ..WorkspaceEdit::default()
            }),
            is_preferred: Some(true),
            ..CodeAction::default()
        }));
    }
    Some(out)
}

/// The fix one diagnostic's help suggests.
fn fix(d: &Diagnostic, bytes: &[u8], lines: &Lines) -> Option<(String, TextEdit)> {
    let help = d.data.as_ref()?.get("help")?.as_str()?;
    if help.starts_with("a value containing `: ` must be quoted") {
        let line = line_str(bytes, lines, d.range.start.line as usize)?;
        return quote_value(&line, d.range.start.line);
    }
    let replacement = suggested(help)?;
    if d.range.start.line != d.range.end.line || d.range.start == d.range.end {
        return None;
    }
    Some((
        format!("Replace with `{replacement}`"),
        TextEdit {
            range: d.range,
            new_text: replacement.to_owned(),
        },
    ))
}

/// The replacement a help line proposes, if it proposes one.
fn suggested(help: &str) -> Option<&str> {
    let value = if let Some(rest) = help.strip_prefix("did you mean ") {
        quoted(rest)?
    } else if let Some(rest) = help.strip_prefix("an approximate date takes `~` after it: ") {
        quoted(rest)?
    } else if let Some(rest) = help.strip_prefix("write it ") {
        quoted(rest)?
    } else {
        return None;
    };
    (!value.is_empty() && !value.contains(['\n', '\r'])).then_some(value)
}

fn quoted(rest: &str) -> Option<&str> {
    rest.strip_prefix('`')?.split('`').next()
}

/// Quotes the value of the `key: value` on `line`.
fn quote_value(line: &str, n: u32) -> Option<(String, TextEdit)> {
    let key_end = line.find(": ")?;
    let value_start =
        key_end + 2 + (line[key_end + 2..].len() - line[key_end + 2..].trim_start().len());
    let value = line[value_start..].trim_end();
    if value.is_empty() || value.starts_with(['"', '\'']) {
        return None;
    }
    let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
    let units = |b: usize| u32::try_from(line[..b].encode_utf16().count()).unwrap_or(0);
    let range = Range::new(
        lsp_types::Position::new(n, units(value_start)),
        lsp_types::Position::new(n, units(value_start + value.len())),
    );
    Some((
        "Quote the value".to_owned(),
        TextEdit {
            range,
            new_text: format!("\"{escaped}\""),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_read_from_help_lines() {
        assert_eq!(suggested("did you mean `imu`?"), Some("imu"));
        assert_eq!(
            suggested("did you mean `rivalry`? Known types: a, b"),
            Some("rivalry")
        );
        assert_eq!(
            suggested("an approximate date takes `~` after it: `2016~`"),
            Some("2016~")
        );
        assert_eq!(suggested("write it `2020-07`"), Some("2020-07"));
        assert_eq!(suggested("known keys: a, b"), None);
    }

    #[test]
    fn a_value_with_a_colon_is_quoted() {
        let (_, edit) = quote_value("    title: The \"Syrian\" Jihad: Al-Qaeda  ", 3).unwrap();
        assert_eq!(edit.new_text, r#""The \"Syrian\" Jihad: Al-Qaeda""#);
        assert_eq!(
            (edit.range.start.character, edit.range.end.character),
            (11, 39)
        );
    }
}
