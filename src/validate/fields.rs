//! Checks on single values: id syntax, URLs, Wikidata ids, dates and enumerations.

use crate::load::raw::Text;
use crate::model::Date;
pub use crate::model::MAX_ID_LEN;

/// Whether `id` matches `[a-z0-9][a-z0-9._-]*` and is at most [`MAX_ID_LEN`] bytes.
pub fn is_id(id: &str) -> bool {
    let b = id.as_bytes();
    !b.is_empty()
        && b.len() <= MAX_ID_LEN
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter().all(|&c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'_' | b'-')
        })
}

/// A valid id close to `id`, to suggest: lowercase, other characters turned into `-`.
pub fn slug(id: &str) -> String {
    let mut out = String::new();
    for c in id.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-') {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches(|c| matches!(c, '-' | '.' | '_'));
    out.chars().take(MAX_ID_LEN).collect()
}

/// Whether `url` is an absolute http(s) URL with a host and no whitespace.
pub fn is_http_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..host_end];
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = match host.rsplit_once(':') {
        Some((h, port)) if !h.ends_with(']') || host.starts_with('[') => {
            if !port.bytes().all(|b| b.is_ascii_digit()) {
                return false;
            }
            h
        }
        _ => host,
    };
    !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '[' | ']' | ':'))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'))
}

/// Whether `id` is a Wikidata item id: `Q` and digits, no leading zero.
pub fn is_wikidata(id: &str) -> bool {
    id.strip_prefix('Q').is_some_and(|n| {
        !n.is_empty() && !n.starts_with('0') && n.bytes().all(|b| b.is_ascii_digit())
    })
}

/// A date one step less precise, to suggest for a guess: its last digit group turned into
/// `X`s (`2004` → `200X`, `2004-05` → `2004-XX`), qualifiers dropped. Qualifiers (`~`, `?`)
/// flag a date without widening its span; `X` digits widen it.
pub fn widened(date: &str) -> String {
    let body = date.trim_end_matches(['?', '~', '%']);
    match body.rsplit_once('-') {
        Some((head, tail)) if tail != "XX" => format!("{head}-XX"),
        Some((head, _)) => widened(head),
        None => {
            let digits = body.trim_end_matches('X');
            match digits.char_indices().last() {
                Some((i, _)) => format!("{}{}", &digits[..i], "X".repeat(body.len() - i)),
                None => body.to_owned(),
            }
        }
    }
}

/// Parses an optional date field; the error carries the field for reporting.
pub fn date(field: Option<&Text>) -> Result<Option<Date>, (&Text, crate::model::date::DateError)> {
    match field {
        None => Ok(None),
        Some(t) => Date::parse(&t.value).map(Some).map_err(|e| (t, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_syntax() {
        assert!(is_id("imu"));
        assert!(is_id("al-qaeda.core_2"));
        assert!(is_id("9th-brigade"));
        assert!(!is_id("IMU"));
        assert!(!is_id("-imu"));
        assert!(!is_id("al qaeda"));
        assert!(!is_id(""));
        assert!(!is_id(&"a".repeat(MAX_ID_LEN + 1)));
        assert!(is_id(&"a".repeat(MAX_ID_LEN)));
        assert_eq!(slug("Al Qaeda (AQ)"), "al-qaeda-aq");
    }

    #[test]
    fn urls() {
        assert!(is_http_url("https://example.org/a?b=c#d"));
        assert!(is_http_url("http://example.org:8080"));
        assert!(is_http_url("HTTPS://Example.org"));
        assert!(!is_http_url("ftp://example.org"));
        assert!(!is_http_url("example.org"));
        assert!(!is_http_url("https://"));
        assert!(!is_http_url("https:///path"));
        assert!(!is_http_url("https://exa mple.org"));
        assert!(!is_http_url("javascript:alert(1)"));
        assert!(!is_http_url("https://example.org:port/"));
    }

    #[test]
    fn widened_dates() {
        assert_eq!(widened("2004"), "200X");
        assert_eq!(widened("2004~"), "200X");
        assert_eq!(widened("200X"), "20XX");
        assert_eq!(widened("2004-05"), "2004-XX");
        assert_eq!(widened("2004-05-11?"), "2004-05-XX");
        assert_eq!(widened("2004-XX"), "200X");
        assert_eq!(widened("XXXX"), "XXXX");
        for d in [
            "2004",
            "200X",
            "2004-05",
            "2004-05-11",
            "2004-XX",
            "2004-05-XX",
        ] {
            assert!(Date::parse(&widened(d)).is_ok(), "{d}");
        }
    }

    #[test]
    fn wikidata_ids() {
        assert!(is_wikidata("Q1189217"));
        assert!(!is_wikidata("q1189217"));
        assert!(!is_wikidata("Q"));
        assert!(!is_wikidata("Q012"));
        assert!(!is_wikidata("P31"));
    }
}
