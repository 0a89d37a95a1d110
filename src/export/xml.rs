//! XML escaping shared by GraphML and GEXF: markup characters become entities, and any
//! character XML 1.0 forbids becomes U+FFFD, so no input can make the file invalid.

use std::borrow::Cow;

/// Whether XML 1.0 allows the character at all.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// Escapes text content.
pub fn text(s: &str) -> Cow<'_, str> {
    escape(s, false)
}

/// Escapes an attribute value (double-quoted); whitespace controls are kept as
/// character references so parsers do not normalize them to spaces.
pub fn attr(s: &str) -> Cow<'_, str> {
    escape(s, true)
}

fn escape(s: &str, in_attr: bool) -> Cow<'_, str> {
    let needs = s.chars().any(|c| {
        matches!(c, '&' | '<' | '>' | '"' | '\r')
            || !allowed(c)
            || (in_attr && matches!(c, '\t' | '\n'))
    });
    if !needs {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
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
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
