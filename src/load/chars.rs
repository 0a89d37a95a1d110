//! Character checks on text values: control characters that make XML exports invalid,
//! and C1 controls that are nearly always Windows-1252 text decoded as Latin-1.

/// A suspicious character found in a text value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suspect {
    /// A character no XML 1.0 document may contain (C0 controls but tab and newline,
    /// U+FFFE, U+FFFF). Carries the character.
    Forbidden(char),
    /// A C1 control; carries it and the Windows-1252 character it probably stood for.
    Mojibake(char, Option<char>),
}

/// Finds the first forbidden character, else the first C1 control, in `text`.
pub fn scan(text: &str) -> Option<Suspect> {
    // Fast path: all the characters of interest start with these bytes in UTF-8.
    if !text.bytes().any(|b| b < 0x20 || b == 0xC2 || b == 0xEF) {
        return None;
    }
    let mut mojibake = None;
    for c in text.chars() {
        match c {
            '\t' | '\n' => {}
            '\0'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => return Some(Suspect::Forbidden(c)),
            '\u{80}'..='\u{9f}' if mojibake.is_none() => {
                mojibake = Some(Suspect::Mojibake(c, windows_1252(c)));
            }
            _ => {}
        }
    }
    mojibake
}

/// The Windows-1252 character whose byte equals the C1 code point `c`.
pub fn windows_1252(c: char) -> Option<char> {
    let mapped = match c as u32 {
        0x80 => '€',
        0x82 => '‚',
        0x83 => 'ƒ',
        0x84 => '„',
        0x85 => '…',
        0x86 => '†',
        0x87 => '‡',
        0x88 => 'ˆ',
        0x89 => '‰',
        0x8A => 'Š',
        0x8B => '‹',
        0x8C => 'Œ',
        0x8E => 'Ž',
        0x91 => '‘',
        0x92 => '’',
        0x93 => '“',
        0x94 => '”',
        0x95 => '•',
        0x96 => '–',
        0x97 => '—',
        0x98 => '˜',
        0x99 => '™',
        0x9A => 'š',
        0x9B => '›',
        0x9C => 'œ',
        0x9E => 'ž',
        0x9F => 'Ÿ',
        _ => return None,
    };
    Some(mapped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_characters() {
        assert_eq!(scan("plain text, ünïcode, عربي"), None);
        assert_eq!(scan("tab\tand\nnewline"), None);
        assert_eq!(scan("bell\u{7}"), Some(Suspect::Forbidden('\u{7}')));
        assert_eq!(scan("cr\r"), Some(Suspect::Forbidden('\r')));
        assert_eq!(
            scan("nonchar\u{ffff}"),
            Some(Suspect::Forbidden('\u{ffff}'))
        );
        assert_eq!(
            scan("Ansar al-Islam\u{92}s"),
            Some(Suspect::Mojibake('\u{92}', Some('’')))
        );
        assert_eq!(scan("x\u{81}"), Some(Suspect::Mojibake('\u{81}', None)));
        assert_eq!(scan("\u{96}\u{1}"), Some(Suspect::Forbidden('\u{1}')));
    }
}
