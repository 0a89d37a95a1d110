//! A self-contained HTML page to explore the network offline: the vendored
//! cytoscape.js, the page's own script and style, and the dataset as JSON, all inline.
//! Positions (`layout`) and the time control's slices (`timeline`, computed by the
//! filter stage) are precomputed here, so the page evaluates no date and draws at once.
//!
//! Every dataset string travels only inside the JSON data block, with `<`, `>`, `&` and
//! the JavaScript line separators escaped, and the page puts it on screen with
//! `textContent`: nothing from the dataset ever becomes markup or script. The one
//! exception, the caption of a filtered export (the filter options, which name ids the
//! dataset has), is written into the title and heading escaped as HTML text.
//!
//! The script's grade filter (the lines of `app.js` between `//#graded` and `//#end`)
//! is written only for a dataset with grades, so an ungraded dataset's page stays the
//! page it was before grades existed, byte for byte.

mod data;
mod layout;
mod timeline;

use std::io::{self, Write};

use crate::model::Dataset;

/// cytoscape.js, as published on npm (MIT; its license is in `vendor/`).
const CYTOSCAPE: &str = include_str!("vendor/cytoscape-3.35.0.min.js");
/// The page with a `@@…@@` marker where each inlined part goes.
const PAGE: &str = include_str!("page.html");
const STYLE: &str = include_str!("style.css");
const APP: &str = include_str!("app.js");

/// Writes the page.
pub fn write(dataset: &Dataset, out: &mut dyn Write) -> io::Result<()> {
    let json = serde_json::to_string(&data::page(dataset))?;
    let data = script_safe(&json);
    // A filtered export names its filters in the title and the heading; a whole
    // dataset's page is unchanged.
    let caption = dataset.caption.as_deref().map(html_text);
    let title = caption
        .as_ref()
        .map(|c| format!(" ({c})"))
        .unwrap_or_default();
    let heading = caption
        .as_ref()
        .map(|c| format!(" <small class=\"caption\">{c}</small>"))
        .unwrap_or_default();
    let mut rest = PAGE;
    while let Some(at) = rest.find("@@") {
        out.write_all(&rest.as_bytes()[..at])?;
        let after = &rest[at + 2..];
        let end = after.find("@@").unwrap_or(after.len());
        match &after[..end] {
            "STYLE" => out.write_all(STYLE.as_bytes())?,
            "CYTOSCAPE" => out.write_all(CYTOSCAPE.as_bytes())?,
            "APP" => out.write_all(app(dataset.has_grades()).as_bytes())?,
            "DATA" => out.write_all(data.as_bytes())?,
            "TITLE" => out.write_all(title.as_bytes())?,
            "HEADING" => out.write_all(heading.as_bytes())?,
            other => out.write_all(other.as_bytes())?,
        }
        rest = after.get(end + 2..).unwrap_or_default();
    }
    out.write_all(rest.as_bytes())
}

/// The page's script: `app.js` with its `//#graded` … `//#end` blocks kept (without
/// the marker lines) when `graded`, left out otherwise.
fn app(graded: bool) -> String {
    let mut out = String::with_capacity(APP.len());
    let mut inside = false;
    for line in APP.split_inclusive('\n') {
        match line.trim() {
            "//#graded" => inside = true,
            "//#end" => inside = false,
            _ if graded || !inside => out.push_str(line),
            _ => {}
        }
    }
    out
}

/// Text made safe as HTML element content (and in `<title>`): markup characters as
/// entities, control characters as U+FFFD.
fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if crate::printable::needs_replacing(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// JSON made safe inside `<script type="application/json">`: `<`, `>` and `&` as
/// `\u003c` and friends (so no `</script>` or `<!--` can appear), and U+2028/U+2029 as
/// escapes. The result is the same JSON value.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_escapes_what_could_end_the_block() {
        let json = serde_json::to_string("</script><!-- & \u{2028}\u{2029}").expect("json");
        let safe = script_safe(&json);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        assert!(!safe.contains('\u{2028}') && !safe.contains('\u{2029}'));
        let back: String = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(back, "</script><!-- & \u{2028}\u{2029}");
    }

    #[test]
    fn inlined_parts_cannot_close_their_elements() {
        for (name, part) in [("cytoscape", CYTOSCAPE), ("app.js", APP)] {
            let lower = part.to_ascii_lowercase();
            assert!(!lower.contains("</script"), "{name} contains </script");
            assert!(!lower.contains("<!--"), "{name} contains <!--");
        }
        assert!(!STYLE.to_ascii_lowercase().contains("</style"));
    }

    #[test]
    fn graded_blocks_are_balanced_and_kept_only_for_graded_datasets() {
        let markers: Vec<&str> = APP
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("//#"))
            .collect();
        assert!(!markers.is_empty(), "app.js has its grade filter");
        for pair in markers.chunks(2) {
            assert_eq!(pair, ["//#graded", "//#end"], "unbalanced markers");
        }
        let (with, without) = (app(true), app(false));
        assert!(!with.contains("//#") && !without.contains("//#"));
        assert!(with.contains("min-reliability") && !without.contains("min-reliability"));
        let kept = APP.lines().filter(|l| !l.trim().starts_with("//#")).count();
        assert_eq!(with.lines().count(), kept, "graded: every other line kept");
    }
}
