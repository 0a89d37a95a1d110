//! The one display of untrusted text on its way to a terminal, a log or a report: file
//! names, revision names, every string from a dataset, and messages built from them.
//! Characters that could drive a terminal, forge a line or reorder what a reader sees
//! become visible symbols of the same width, so a caret under a column still lines up.
//!
//! - C0 controls (but tab) and DEL: their Control Pictures, `␛` for ESC, `␊` for a
//!   line feed, `␍` for a carriage return, `␡` for DEL.
//! - C1 controls (U+0080–U+009F, such as the 8-bit CSI U+009B): U+FFFD.
//! - Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069),
//!   which reorder the text around them ("Trojan Source"): U+FFFD.
//!
//! Tab is kept: it moves the cursor but forges nothing, and a source line keeps it so
//! the caret under it aligns. Everything else (any script, the marks LRM and RLM,
//! emoji) is shown as it is.

use std::borrow::Cow;

/// `text` as it may be shown: see the module documentation.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_replacing) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(shown).collect())
}

/// Whether `c` is replaced by [`printable`].
pub fn needs_replacing(c: char) -> bool {
    (c.is_control() && c != '\t') || is_bidi_control(c)
}

/// The embeddings, overrides and isolates of the Unicode bidirectional algorithm.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// What `c` is shown as.
fn shown(c: char) -> char {
    match c {
        '\t' => c,
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        c if needs_replacing(c) => '\u{fffd}',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(printable("plain\ttext, عربي"), "plain\ttext, عربي");
        assert_eq!(
            printable("a\u{0}b\u{1b}[31mc\r\nd"),
            "a\u{2400}b\u{241b}[31mc\u{240d}\u{240a}d"
        );
        assert_eq!(printable("del\u{7f} c1\u{92}"), "del\u{2421} c1\u{fffd}");
    }

    #[test]
    fn c1_controls_and_bidi_overrides_are_neutralised() {
        assert_eq!(printable("\u{9b}2J"), "\u{fffd}2J");
        assert_eq!(printable("\u{85}next line"), "\u{fffd}next line");
        for c in ['\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}'] {
            assert_eq!(printable(&format!("a{c}b")), "a\u{fffd}b");
        }
        for c in ['\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}'] {
            assert_eq!(printable(&format!("a{c}b")), "a\u{fffd}b");
        }
        // Marks that only nudge neighbouring characters stay: Arabic and Hebrew use them.
        assert_eq!(printable("\u{200f}عربي\u{200e}"), "\u{200f}عربي\u{200e}");
    }

    #[test]
    fn every_replacement_is_one_character() {
        let text: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        assert_eq!(printable(&text).chars().count(), text.chars().count());
        assert!(!printable(&text).chars().any(super::needs_replacing));
    }
}
