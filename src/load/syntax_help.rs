//! Help for the syntax errors people make most, worded from saphyr-parser's messages
//! and the text around the error: a `: ` inside a plain value, tabs as indentation or
//! after a colon (which the tree builder accepts, see [`tab_after_colon`]), a quote
//! never closed. A tab is reported where it is, not where the
//! scanner noticed it (often the value on the line before).

/// What to add to a syntax error: where it really is (1-based line, 0-based column in
/// characters), the caret's label and the help.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Advice {
    /// The position of the offending character, when it is not the scanner's.
    pub at: Option<(usize, usize)>,
    /// The caret's label.
    pub label: Option<&'static str>,
    /// What to do.
    pub help: Option<String>,
}

/// The advice for saphyr-parser's error `info` at `line` (1-based) and `col` (0-based, in
/// characters) of `text`.
pub(crate) fn advise(info: &str, text: &str, line: usize, col: usize) -> Advice {
    let at_line = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let tab_near = [Some(col), col.checked_sub(1)]
        .into_iter()
        .flatten()
        .find(|&c| at_line.chars().nth(c) == Some('\t'));
    if let (true, Some(tab)) = (
        info.contains("':' must be followed by a valid YAML whitespace"),
        tab_near,
    ) {
        return Advice {
            at: Some((line, tab)),
            label: Some("tab after `:`"),
            help: Some(
                "a tab after `:` is read as a space, but only 256 times in a file: put a space after the colon"
                    .into(),
            ),
        };
    }
    if info.contains("tab") {
        return Advice {
            at: indentation_tab(text, line),
            label: Some("tab"),
            help: Some("indent with spaces: YAML does not allow tabs in indentation".into()),
        };
    }
    if info == "mapping values are not allowed in this context" {
        return Advice {
            at: None,
            label: Some("`: ` inside a plain value"),
            help: Some(colon_help(at_line)),
        };
    }
    if info.contains("quoted scalar") {
        let quote = at_line.chars().nth(col).filter(|c| matches!(c, '"' | '\''));
        let help = match quote {
            Some('\'') => {
                "this quote is never closed: end the value with `'` (a quote inside it is written `''`)"
            }
            _ => {
                "this quote is never closed: end the value with `\"` (a quote inside it is written `\\\"`)"
            }
        };
        return Advice {
            at: None,
            label: quote.map(|_| "quote opened here"),
            help: Some(help.into()),
        };
    }
    Advice::default()
}

/// The byte of the tab right after a mapping's `:` that saphyr-parser refused with
/// `info` at `line` (1-based) and `col` (0-based, in characters, after the blanks).
pub(crate) fn tab_after_colon(info: &str, text: &str, line: usize, col: usize) -> Option<usize> {
    if !info.contains("':' must be followed by a valid YAML whitespace") {
        return None;
    }
    let start: usize = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    let this = text.get(start..)?.split(['\n', '\r']).next()?;
    let end = this.char_indices().nth(col).map_or(this.len(), |(i, _)| i);
    let colon = this[..end].rfind(':')?;
    let gap = &this[colon + 1..end];
    (gap.starts_with('\t') && gap.bytes().all(|b| b == b'\t' || b == b' '))
        .then_some(start + colon + 1)
}

/// The first tab in the indentation of `line` or a later line: the scanner reports a tab
/// in indentation at the token before it, often on the previous line.
fn indentation_tab(text: &str, line: usize) -> Option<(usize, usize)> {
    text.lines()
        .enumerate()
        .skip(line.saturating_sub(1))
        .find_map(|(i, l)| {
            l.chars()
                .take_while(|c| matches!(c, ' ' | '\t' | '-'))
                .position(|c| c == '\t')
                .map(|col| (i + 1, col))
        })
}

/// `quote the value: `key: "…"``, with the key of the line in error.
fn colon_help(line: &str) -> String {
    let entry = line.trim_start().trim_start_matches("- ").trim_start();
    let key = entry
        .split_once(':')
        .map(|(k, _)| k.trim())
        .filter(|k| !k.is_empty() && !k.contains(['"', '\'', '`']) && k.chars().count() <= 40);
    let example = key.map_or_else(|| "\"…\"".to_owned(), |k| format!("{k}: \"…\""));
    format!("a value containing `: ` must be quoted: `{example}`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tab_is_found_in_the_indentation_at_or_after_the_error() {
        let text = "a:\n  - id: x\n\tname: y\n";
        assert_eq!(indentation_tab(text, 2), Some((3, 0)));
        assert_eq!(indentation_tab("a:\n  \tb: c\n", 1), Some((2, 2)));
        assert_eq!(indentation_tab("a: b\tc\n", 1), None);
    }

    #[test]
    fn the_colon_help_names_the_key() {
        assert_eq!(
            colon_help("    title: The Syrian Jihad: Al-Qaeda"),
            "a value containing `: ` must be quoted: `title: \"…\"`"
        );
        assert_eq!(
            colon_help("  - name: A: B"),
            "a value containing `: ` must be quoted: `name: \"…\"`"
        );
    }
}
