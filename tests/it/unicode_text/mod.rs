//! Hostile text for property tests, shared by `tests/it/properties.rs` and the Graphviz
//! check in `tests/it/interop.rs`: any Unicode, weighted towards what breaks escaping
//! (quotes, backslashes, control characters, bidirectional overrides, emoji, line and
//! paragraph separators, XML and DOT syntax), and the dataset that carries it.

#![allow(dead_code)]

use std::fmt::Write as _;

use proptest::prelude::*;

/// Characters that have broken, or could break, a writer somewhere.
const NASTY: &[char] = &[
    '"',
    '\'',
    '\\',
    '\n',
    '\t',
    '\r',
    '\0',
    '\u{1b}',
    '\u{7f}',
    '\u{85}',
    '\u{92}',
    '<',
    '>',
    '&',
    ';',
    '{',
    '}',
    '[',
    ']',
    '#',
    ':',
    '-',
    ',',
    '=',
    ' ',
    '\u{a0}',
    '\u{202e}',
    '\u{200f}',
    '\u{2066}',
    '\u{200d}',
    '\u{feff}',
    '\u{2028}',
    '\u{2029}',
    '\u{fffe}',
    '\u{ffff}',
    '\u{fffd}',
    'ش',
    'ה',
    'ž',
    '\u{301}',
    '🔥',
    '🦁',
    '\u{fe0f}',
    '\u{1f1fa}',
    '𝕏',
    '\u{10ffff}',
    '\u{e000}',
    'N',
    'l',
    'G',
];

/// One character: any scalar value, or one of the nasty ones.
pub fn nasty_char() -> impl Strategy<Value = char> {
    prop_oneof![
        2 => any::<char>(),
        3 => proptest::sample::select(NASTY),
    ]
}

/// A string of 1 to 24 such characters; four in five have no forbidden character, so
/// most cases reach the exports.
pub fn text() -> impl Strategy<Value = String> {
    let chars = || proptest::collection::vec(nasty_char(), 1..24);
    prop_oneof![
        4 => chars().prop_map(|v| v.into_iter().filter(|&c| !forbidden(c)).collect()),
        1 => chars().prop_map(|v| v.into_iter().collect()),
    ]
}

/// Whether the validator must reject `s` as a required value (a name): a forbidden
/// character, or nothing but white space. Optional values (aliases, quotes) may be blank.
pub fn must_reject(s: &str) -> bool {
    s.trim().is_empty() || s.chars().any(forbidden)
}

/// A character no text value may contain: the control characters no XML 1.0 document
/// may hold (C0 but tab and newline, U+FFFE, U+FFFF).
pub fn forbidden(c: char) -> bool {
    (c < ' ' && c != '\t' && c != '\n') || c == '\u{fffe}' || c == '\u{ffff}'
}

/// `s` as a double-quoted YAML scalar that reads back exactly as `s`.
pub fn yaml_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() || c == '\u{feff}' || ('\u{2028}'..='\u{2029}').contains(&c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A dataset where organization `a` has `name` and `alias` (and `quote` as its region,
/// which DOT clusters use as a label), and the one edge quotes `quote` from its source;
/// `b` is a plain organization.
pub fn dataset(name: &str, alias: &str, quote: &str) -> String {
    format!(
        "organizations:\n  - id: a\n    name: {}\n    aliases: [{}]\n    region: {}\n  - id: b\n    name: B\n\
         sources:\n  - id: s\n    title: S\nedges:\n  - from: a\n    to: b\n    type: rivalry\n    \
         date: 2001\n    sources:\n      - ref: s\n        quote: {}\n",
        yaml_quoted(name),
        yaml_quoted(alias),
        yaml_quoted(quote),
        yaml_quoted(quote),
    )
}
