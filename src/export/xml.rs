//! XML escaping shared by GraphML and GEXF: markup characters become entities, and any
//! character XML 1.0 forbids becomes U+FFFD, so no input can make the file invalid.

use std::borrow::Cow;

/// Escapes an attribute value (double-quoted); whitespace controls are kept as
/// character references so parsers do not normalize them to spaces.
pub fn attr(s: &str) -> Cow<'_, str> {
    escape(s, true)
}

/// Appends `s` to `out` escaped as text content.
pub fn push_text(out: &mut Vec<u8>, s: &str) {
    push(out, s, false);
}

/// Appends `s` to `out` escaped as a double-quoted attribute value.
pub fn push_attr(out: &mut Vec<u8>, s: &str) {
    push(out, s, true);
}

fn escape(s: &str, in_attr: bool) -> Cow<'_, str> {
    if first_special(s.as_bytes(), in_attr).is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = Vec::with_capacity(s.len() + 16);
    push(&mut out, s, in_attr);
    // Only whole characters are copied or replaced, so `out` is UTF-8.
    Cow::Owned(String::from_utf8(out).unwrap_or_default())
}

/// What a byte of `s` stands for in the output.
enum Special {
    /// Markup or a control character: this entity (or U+FFFD) replaces the byte.
    Ascii(&'static str),
    /// U+FFFE or U+FFFF, three bytes that XML 1.0 forbids: U+FFFD replaces them.
    NonCharacter,
}

/// Bytes that may need replacing, in text and in attributes: markup, controls, and 0xEF
/// (which starts U+FFFE and U+FFFF). One table look-up per byte finds them.
const fn candidates(in_attr: bool) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = in_attr || (b != b'\t' as usize && b != b'\n' as usize);
        b += 1;
    }
    table[b'&' as usize] = true;
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table[b'"' as usize] = true;
    table[0xEF] = true;
    table
}

static IN_TEXT: [bool; 256] = candidates(false);
static IN_ATTR: [bool; 256] = candidates(true);

/// The first byte of `s` that cannot be copied as is, with its replacement.
fn first_special(s: &[u8], in_attr: bool) -> Option<(usize, Special)> {
    let table = if in_attr { &IN_ATTR } else { &IN_TEXT };
    let mut from = 0;
    loop {
        let i = from + s[from..].iter().position(|&b| table[usize::from(b)])?;
        let special = match s[i] {
            b'&' => Special::Ascii("&amp;"),
            b'<' => Special::Ascii("&lt;"),
            b'>' => Special::Ascii("&gt;"),
            b'"' => Special::Ascii("&quot;"),
            b'\r' => Special::Ascii("&#13;"),
            b'\t' => Special::Ascii("&#9;"),
            b'\n' => Special::Ascii("&#10;"),
            0xEF if matches!(s.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => {
                Special::NonCharacter
            }
            0xEF => {
                from = i + 1;
                continue;
            }
            _ => Special::Ascii("\u{fffd}"),
        };
        return Some((i, special));
    }
}

/// Copies `s` to `out`, replacing what XML needs replaced: markup characters become
/// entities, characters XML 1.0 forbids (C0 controls other than tab, line feed and
/// carriage return; U+FFFE; U+FFFF) become U+FFFD. Works on bytes: every special
/// character is ASCII or starts with 0xEF, so runs between them are copied whole.
fn push(out: &mut Vec<u8>, s: &str, in_attr: bool) {
    let mut rest = s.as_bytes();
    while let Some((i, special)) = first_special(rest, in_attr) {
        out.extend_from_slice(&rest[..i]);
        let (replacement, len) = match special {
            Special::Ascii(r) => (r, 1),
            Special::NonCharacter => ("\u{fffd}", 3),
        };
        out.extend_from_slice(replacement.as_bytes());
        rest = &rest[i + len..];
    }
    out.extend_from_slice(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cow<'_, str> {
        escape(s, false)
    }

    #[test]
    fn escapes_markup_and_replaces_forbidden_characters() {
        assert_eq!(
            text("a < b & \"c\" > d"),
            "a &lt; b &amp; &quot;c&quot; &gt; d"
        );
        assert_eq!(text("bell\u{7}"), "bell\u{fffd}");
        assert_eq!(text("line\nbreak"), "line\nbreak");
        assert_eq!(attr("line\nbreak\t"), "line&#10;break&#9;");
        assert_eq!(text("\u{ffff}x"), "\u{fffd}x");
        assert!(matches!(text("plain عربي"), Cow::Borrowed(_)));
        assert_eq!(
            text("a\u{fffe}b\u{ffff}\u{fffd}\u{efbf}"),
            "a\u{fffd}b\u{fffd}\u{fffd}\u{efbf}"
        );
        assert_eq!(
            text("\u{0}\u{1f}\u{7f}\u{85}"),
            "\u{fffd}\u{fffd}\u{7f}\u{85}"
        );
        assert_eq!(attr("\r"), "&#13;");
    }

    /// The byte-level escaper agrees with a character-by-character reference on
    /// every character class it treats specially and their neighbours.
    #[test]
    fn byte_escaper_matches_a_char_by_char_reference() {
        fn reference(s: &str, in_attr: bool) -> String {
            let allowed = |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..);
            let mut out = String::new();
            for c in s.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '"' => out.push_str("&quot;"),
                    '\r' => out.push_str("&#13;"),
                    '\t' if in_attr => out.push_str("&#9;"),
                    '\n' if in_attr => out.push_str("&#10;"),
                    c if allowed(c) => out.push(c),
                    _ => out.push('\u{fffd}'),
                }
            }
            out
        }
        let chars: Vec<char> = (0..0x80u32)
            .filter_map(char::from_u32)
            .chain([
                '\u{ef}',
                '\u{fbf}',
                '\u{effe}',
                '\u{fefe}',
                '\u{fffd}',
                '\u{fffe}',
                '\u{ffff}',
                '\u{10000}',
                '\u{10fffe}',
                '\u{10ffff}',
                'é',
                'ع',
            ])
            .collect();
        for &a in &chars {
            for &b in &chars {
                let s: String = ['x', a, b, 'y'].iter().collect();
                for in_attr in [false, true] {
                    assert_eq!(escape(&s, in_attr), reference(&s, in_attr), "{s:?}");
                }
            }
        }
    }
}
