//! YAML tags. The five scalar tags of the YAML 1.2 core schema (`!!str`, `!!int`,
//! `!!bool`, `!!null`, `!!float`, shorthand or verbatim) decide a scalar's type, and a
//! value that does not fit its tag is refused (`tag-mismatch`). `!!map` and `!!seq` are
//! accepted on the node they name. Every other tag is refused (`unsupported-tag`), never
//! ignored: a tag changes what the data means, so dropping one would read the file wrongly.

use saphyr_parser::Tag;

use super::yaml::{ScalarKind, Typing, scalar_kind};
use crate::diagnostic::{Code, Diagnostic, Location};

/// The prefix `!!` stands for, unless a `%TAG` directive says otherwise.
const CORE_PREFIX: &str = "tag:yaml.org,2002:";

/// Tags are shown in messages at most this many characters long.
const SHOWN_CHARS: usize = 60;

/// The core-schema name of `tag` (`str` for `!!str` or `!<tag:yaml.org,2002:str>`).
fn core_name(tag: &Tag) -> Option<&str> {
    if tag.handle == CORE_PREFIX {
        Some(&tag.suffix)
    } else if tag.handle.is_empty() {
        tag.suffix.strip_prefix(CORE_PREFIX)
    } else {
        None
    }
}

/// The typing a scalar whose text is `value` gets from `tag`, or the diagnostic that
/// refuses the tag; `at` says where the scalar is.
pub fn scalar_typing(
    tag: &Tag,
    value: &str,
    at: impl FnOnce() -> Location,
) -> Result<Typing, Diagnostic> {
    let (name, what) = match core_name(tag) {
        Some("str") => return Ok(Typing::Fixed(ScalarKind::Str)),
        Some(name @ "int") => (name, "an integer"),
        Some(name @ "float") => (name, "a number"),
        Some(name @ "bool") => (name, "`true` or `false`"),
        Some(name @ "null") => (name, "null (`null`, `~` or nothing)"),
        _ => return Err(unsupported(tag, "a value", at())),
    };
    // The tag's type decides, whatever the style: `!!int "12"` is the integer 12.
    let plain = scalar_kind(value, Typing::Implicit);
    let kind = match (name, plain) {
        ("int", ScalarKind::Int)
        | ("float", ScalarKind::Float)
        | ("bool", ScalarKind::Bool(_))
        | ("null", ScalarKind::Null) => Some(plain),
        // A decimal integer is a float too; `0x1F` and `0o17` are not.
        ("float", ScalarKind::Int) if !value.contains(['x', 'o']) => Some(ScalarKind::Float),
        _ => None,
    };
    kind.map(Typing::Fixed).ok_or_else(|| {
        let shown = if value.is_empty() {
            "an empty value".to_owned()
        } else {
            format!("`{}`", cut(value))
        };
        Diagnostic::new(
            Code::TagMismatch,
            Some(at()),
            format!("{shown} is not {what}, which its tag `!!{name}` requires"),
        )
        .with_help(format!(
            "remove the tag `!!{name}`, or write {what}; to mean text, write `!!str` or quote it"
        ))
    })
}

/// Checks the tag of a mapping (`map` true) or sequence: only `!!map` or `!!seq` fits.
pub fn check_collection(tag: &Tag, map: bool, at: impl FnOnce() -> Location) -> Option<Diagnostic> {
    let (fits, what) = if map {
        ("map", "a mapping")
    } else {
        ("seq", "a list")
    };
    (core_name(tag) != Some(fits)).then(|| unsupported(tag, what, at()))
}

fn unsupported(tag: &Tag, what: &str, at: Location) -> Diagnostic {
    let shown = show(tag);
    Diagnostic::new(
        Code::UnsupportedTag,
        Some(at),
        format!("the tag `{shown}` on {what} is not supported"),
    )
    .with_help(
        "only the YAML core tags `!!str`, `!!int`, `!!float`, `!!bool` and `!!null` (on a \
         value), `!!map` and `!!seq` (on their own kind) are read; remove the tag, or \
         quote the value to mean text",
    )
}

/// A tag as it is usually written: `!!str`, `!local`, or `!<verbatim>`; cut when long.
fn show(tag: &Tag) -> String {
    let full = if tag.handle == CORE_PREFIX {
        format!("!!{}", tag.suffix)
    } else if tag.handle == "!" {
        format!("!{}", tag.suffix)
    } else if tag.handle.is_empty() && tag.suffix == "!" {
        "!".to_owned()
    } else {
        format!("!<{}{}>", tag.handle, tag.suffix)
    };
    cut(&full)
}

/// `text`, cut to [`SHOWN_CHARS`] characters with an ellipsis.
fn cut(text: &str) -> String {
    match text.char_indices().nth(SHOWN_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(handle: &str, suffix: &str) -> Tag {
        Tag {
            handle: handle.into(),
            suffix: suffix.into(),
        }
    }

    #[test]
    fn tags_are_shown_as_written() {
        assert_eq!(show(&tag(CORE_PREFIX, "binary")), "!!binary");
        assert_eq!(show(&tag("!", "foo")), "!foo");
        assert_eq!(show(&tag("", "!")), "!");
        assert_eq!(show(&tag("", "tag:example.com:x")), "!<tag:example.com:x>");
        let long = show(&tag("!", &"x".repeat(500)));
        assert_eq!(long.chars().count(), SHOWN_CHARS + 1);
    }

    #[test]
    fn verbatim_and_shorthand_core_tags_are_the_same() {
        assert_eq!(core_name(&tag(CORE_PREFIX, "str")), Some("str"));
        assert_eq!(core_name(&tag("", "tag:yaml.org,2002:int")), Some("int"));
        assert_eq!(core_name(&tag("!", "str")), None);
        assert_eq!(core_name(&tag("tag:example.com,2000:", "str")), None);
    }
}
