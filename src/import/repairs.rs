//! The damage tables pick up on their way to us, which an import notices in a cell and
//! either reports or, when asked, repairs: mojibake (Windows-1252 text read as Latin-1,
//! leaving C1 characters) and escapes (text escaped for SQL or HTML and never unescaped:
//! `LeT\'s`, `Iraq\&#039;s`). Each kind has its own option, so nothing is rewritten
//! unless the analyst asks, and every repair is listed.

use crate::diagnostic::Code;
use crate::load::chars::windows_1252;

/// A kind of damage a cell's text can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Damage {
    /// C1 control characters: Windows-1252 read as Latin-1.
    Mojibake,
    /// Backslash escapes (`\'`, `\"`, `\\`) or HTML character references (`&#039;`).
    Escapes,
}

impl Damage {
    /// Every kind, in the order they are looked for (and repaired).
    pub(crate) const ALL: [Damage; 2] = [Damage::Mojibake, Damage::Escapes];

    /// Whether `text` shows this damage.
    pub(crate) fn is_in(self, text: &str) -> bool {
        match self {
            Damage::Mojibake => text.chars().any(is_c1),
            // Every cell of a table comes here: copy only one that could hold an escape.
            Damage::Escapes => text.contains(['\\', '&']) && unescape(text) != text,
        }
    }

    /// `text` repaired.
    pub(crate) fn repair(self, text: &str) -> String {
        match self {
            Damage::Mojibake => repair_mojibake(text),
            Damage::Escapes => unescape(text),
        }
    }

    /// The code of a report, and of a repair.
    pub(crate) fn codes(self) -> (Code, Code) {
        match self {
            Damage::Mojibake => (Code::SuspectedMojibake, Code::RepairedMojibake),
            Damage::Escapes => (Code::SuspectedEscapes, Code::RepairedEscapes),
        }
    }

    /// What a report says the text holds.
    pub(crate) fn holds(self) -> &'static str {
        match self {
            Damage::Mojibake => "contains C1 control characters",
            Damage::Escapes => "contains backslash escapes or HTML character references",
        }
    }

    /// The help of a report, before the repaired text.
    pub(crate) fn cause(self) -> &'static str {
        match self {
            Damage::Mojibake => {
                "Windows-1252 text read as Latin-1 leaves these; `--repair-mojibake` would write"
            }
            Damage::Escapes => {
                "text escaped for SQL or HTML and never unescaped leaves these; `--repair-escapes` would write"
            }
        }
    }

    /// Where in `text` an excerpt should centre, as a character index: its first C1 or
    /// other non-ASCII character (mojibake, or what repairing it gave), or its first
    /// backslash or ampersand (escapes).
    pub(crate) fn first(self, text: &str) -> Option<usize> {
        text.chars().position(|c| match self {
            Damage::Mojibake => is_c1(c) || !c.is_ascii(),
            Damage::Escapes => c == '\\' || c == '&',
        })
    }
}

fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9f}').contains(&c)
}

/// Repairs Windows-1252 text that was read as Latin-1: UTF-8 read that way (`â\u{80}\u{99}`
/// for `’`) is decoded again when the whole text allows it; otherwise each C1 character
/// becomes the Windows-1252 character of the same byte (U+0092 → `’`).
fn repair_mojibake(text: &str) -> String {
    if let Some(fixed) = utf8_read_as_latin1(text) {
        return fixed;
    }
    text.chars().map(|c| windows_1252(c).unwrap_or(c)).collect()
}

/// `text` back to the bytes it was read from (each character one byte, Latin-1 or
/// Windows-1252), when those bytes are UTF-8 with at least one multi-byte character.
fn utf8_read_as_latin1(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    for c in text.chars() {
        let byte = match u8::try_from(u32::from(c)) {
            Ok(b) => b,
            Err(_) => (0x80..=0x9f_u8).find(|&b| windows_1252(char::from(b)) == Some(c))?,
        };
        bytes.push(byte);
    }
    let fixed = String::from_utf8(bytes).ok()?;
    (fixed != text).then_some(fixed)
}

/// HTML character references decoded, then SQL backslash escapes removed: `Iraq\&#039;s`
/// (an apostrophe escaped twice) becomes `Iraq's`. A reference to a character no text
/// may hold (a control character, a surrogate) is left as written.
fn unescape(text: &str) -> String {
    let decoded = decode_references(text);
    let mut out = String::with_capacity(decoded.len());
    let mut chars = decoded.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(&next @ ('\'' | '"' | '\\'))) => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// `&#39;`, `&#x27;` and the five XML entities (`&amp;` …) decoded; anything else kept.
fn decode_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (c, len) = reference(rest).unwrap_or(('&', 1));
        out.push(c);
        rest = &rest[len..];
    }
    out.push_str(rest);
    out
}

/// The character a reference at the start of `text` stands for, and its length.
fn reference(text: &str) -> Option<(char, usize)> {
    let (end, _) = text.char_indices().take(12).find(|&(_, c)| c == ';')?;
    let name = &text[1..end];
    let c = match name {
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "lt" => '<',
        "gt" => '>',
        _ => numeric(name.strip_prefix('#')?)?,
    };
    Some((c, end + 1))
}

/// The character of a numeric reference's digits (`39`, `x27`), if text may hold it.
fn numeric(digits: &str) -> Option<char> {
    let value = match digits.strip_prefix(['x', 'X']) {
        Some(hex) if !hex.is_empty() && hex.len() <= 6 => u32::from_str_radix(hex, 16).ok()?,
        None if !digits.is_empty() && digits.len() <= 7 => digits.parse().ok()?,
        _ => return None,
    };
    char::from_u32(value).filter(|c| !c.is_control() && !matches!(c, '\u{fffe}' | '\u{ffff}'))
}

#[cfg(test)]
mod tests {
    use super::Damage::{Escapes, Mojibake};

    #[test]
    fn mmp_escapes_are_undone() {
        assert_eq!(Escapes.repair(r"LeT\'s alliance"), "LeT's alliance");
        assert_eq!(Escapes.repair(r"Iraq\&#039;s groups"), "Iraq's groups");
        assert_eq!(Escapes.repair(r#"a \"b\" c\\d"#), r#"a "b" c\d"#);
        assert_eq!(
            Escapes.repair("A &amp; B &lt;3 &#x2019;"),
            "A & B <3 \u{2019}"
        );
    }

    #[test]
    fn text_without_escapes_is_left_alone() {
        for text in [
            "AT&T",
            "a & b; c",
            "C:\\path",
            "&#0; &#1; &#xD800; &#99999999; &#; &#x;",
            "&unknown; &amp",
            "ends with &",
            "",
        ] {
            assert!(!Escapes.is_in(text), "{text}");
            assert_eq!(Escapes.repair(text), text);
        }
    }

    #[test]
    fn a_far_semicolon_is_not_a_reference() {
        let text = "&amp and much later; here";
        assert_eq!(Escapes.repair(text), text);
    }

    #[test]
    fn mojibake_is_repaired_both_ways() {
        assert_eq!(Mojibake.repair("Ittihad\u{92}s"), "Ittihad\u{2019}s");
        assert_eq!(
            Mojibake.repair("Ansar\u{e2}\u{80}\u{99}s"),
            "Ansar\u{2019}s"
        );
        assert!(Mojibake.is_in("\u{85}") && !Mojibake.is_in("plain"));
    }
}
