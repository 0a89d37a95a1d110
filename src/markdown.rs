//! Dataset text inside GitHub Markdown (the diff in a pull request's job summary): the one
//! place that makes untrusted text inert there. [`text`] is for prose (also in table
//! cells), [`code_span`] for ids and labels shown as code.
//!
//! Both first apply the shared [`printable`] display, so control characters, line breaks
//! and bidirectional overrides cannot reach the page. Then two kinds of markup are
//! neutralised:
//!
//! - **What the Markdown parser reads**: emphasis, strikethrough, code, links, images,
//!   footnotes, autolinks, raw HTML, entities, table pipes and `$…$` math. Each character
//!   that can open one (`` \ ` * _ ~ [ ] ! < > & | $ ``) is written as a numeric
//!   character reference (`&#42;`), which Markdown shows as the character and never
//!   reads as syntax, whatever extension scans the raw text.
//! - **What GitHub adds after rendering**, on the text it shows: `@mentions` (which
//!   notify people), `#123` and `GH-123` issue references, commit ids, e-mail addresses and
//!   URLs (`https://…`, `www.…`). A WORD JOINER (U+2060, invisible) goes after each `@`,
//!   `#` and `:`, between `www` and its dot, after `GH-`, and inside every run of seven or
//!   more hexadecimal digits, so none of these patterns matches any more.
//!
//! Inside a code span GitHub neither parses markup nor adds links, so [`code_span`] only
//! has to choose a fence longer than any run of backticks in the text.

use crate::printable::printable;

/// Invisible, and not a space: it breaks a pattern without changing what is seen.
const WORD_JOINER: char = '\u{2060}';

/// The longest run of hexadecimal digits left unbroken (GitHub links commit ids of 7).
const MAX_HEX_RUN: usize = 6;

/// `text` made inert as Markdown prose: see the module documentation.
pub fn text(text: &str) -> String {
    let text = printable(text);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut hex_run = 0;
    for c in text.chars() {
        if c.is_ascii_hexdigit() {
            if hex_run == MAX_HEX_RUN {
                out.push(WORD_JOINER);
                hex_run = 0;
            }
            hex_run += 1;
        } else {
            hex_run = 0;
        }
        match c {
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '!' | '<' | '>' | '&' | '|' | '$' => {
                out.push_str("&#");
                out.push_str(&u32::from(c).to_string());
                out.push(';');
            }
            '@' | '#' | ':' => {
                out.push(c);
                out.push(WORD_JOINER);
            }
            '.' if ends_with_ignore_case(&out, "www") => {
                out.push(WORD_JOINER);
                out.push(c);
            }
            '-' if ends_with_ignore_case(&out, "gh") => {
                out.push(c);
                out.push(WORD_JOINER);
            }
            c => out.push(c),
        }
    }
    out
}

/// `text` as an inline code span, delimiters included: a fence of one backtick more than
/// the longest run in the text, and spaces inside it where the text starts or ends with
/// a backtick or both ends are spaces (Markdown removes one from each side). Not for
/// table cells, where a `|` would still end the cell.
pub fn code_span(text: &str) -> String {
    let text = printable(text);
    if text.is_empty() {
        return "` `".to_owned();
    }
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = text.starts_with('`')
        || text.ends_with('`')
        || (text.starts_with(' ') && text.ends_with(' ') && !text.trim().is_empty());
    let space = if pad { " " } else { "" };
    format!("{fence}{space}{text}{space}{fence}")
}

fn ends_with_ignore_case(text: &str, suffix: &str) -> bool {
    text.len() >= suffix.len()
        && text.is_char_boundary(text.len() - suffix.len())
        && text[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

#[cfg(test)]
mod tests {
    use super::{code_span, text};

    #[test]
    fn markup_characters_become_references() {
        assert_eq!(
            text("a|b *c* <d>\nx"),
            "a&#124;b &#42;c&#42; &#60;d&#62;\u{240a}x"
        );
        assert_eq!(
            text("[t](u) ![i](u) $x$ ~~s~~ `c` \\ &amp;"),
            "&#91;t&#93;(u) &#33;&#91;i&#93;(u) &#36;x&#36; &#126;&#126;s&#126;&#126; &#96;c&#96; &#92; &#38;amp;"
        );
    }

    #[test]
    fn pings_and_links_are_broken_invisibly() {
        let wj = '\u{2060}';
        assert_eq!(text("@octocat"), format!("@{wj}octocat"));
        assert_eq!(
            text("#123 GH-4 gh-5"),
            format!("#{wj}123 GH-{wj}4 gh-{wj}5")
        );
        assert_eq!(
            text("https://x.org www.x.org"),
            format!("https:{wj}//x.org www{wj}.x.org")
        );
        assert_eq!(text("a@b.org"), format!("a@{wj}b.org"));
        assert_eq!(text("deadbeef01"), format!("deadbe{wj}ef01"));
        assert_eq!(text("face 2001-06"), "face 2001-06");
        assert_eq!(text("حركة ‏🦁"), "حركة ‏🦁");
    }

    #[test]
    fn code_spans_outlast_any_backticks() {
        assert_eq!(code_span("abc"), "`abc`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`a``"), "``` `a`` ```");
        assert_eq!(code_span(" a "), "`  a  `");
        assert_eq!(code_span(" "), "` `");
        assert_eq!(code_span(""), "` `");
        assert_eq!(code_span("a\nb\u{1b}"), "`a\u{240a}b\u{241b}`");
    }
}
