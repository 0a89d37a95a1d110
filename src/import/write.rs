//! Canonical YAML for an imported dataset: records sorted (organizations and sources by
//! id, edges by endpoints, type, dates and id), keys in the order of docs/format.md,
//! values plain only when nothing could misread them and double-quoted with escapes
//! otherwise, so the same draft always gives the same bytes.

use std::fmt::Write as _;

use super::{Draft, DraftCitation, DraftEdge, DraftOrg, DraftSource, DraftType};

/// The files of a draft: `(file name, text)`, one per kind, or the edges split by
/// relation (`edges-<type>.yaml`) when `split` is set. Empty kinds get no file.
pub fn render(draft: &Draft, header: &str, split: bool) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let header = comment(header);
    let start = |what: &str| format!("# {what} imported by `actorgraph import` from {header}.\n");
    if !draft.edge_types.is_empty() {
        let mut s = start("Edge types");
        s.push_str("edge_types:\n");
        for t in &draft.edge_types {
            edge_type(&mut s, t);
        }
        files.push(("edge-types.yaml".to_owned(), s));
    }
    if !draft.organizations.is_empty() {
        let mut s = start("Organizations");
        s.push_str("organizations:\n");
        for o in &draft.organizations {
            org(&mut s, o);
        }
        files.push(("organizations.yaml".to_owned(), s));
    }
    if !draft.sources.is_empty() {
        let mut s = start("Sources");
        s.push_str("sources:\n");
        for src in &draft.sources {
            source(&mut s, src);
        }
        files.push(("sources.yaml".to_owned(), s));
    }
    let mut groups: Vec<(&str, Vec<&DraftEdge>)> = Vec::new();
    for e in &draft.edges {
        let key = if split { e.edge_type.as_str() } else { "" };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(e),
            None => groups.push((key, vec![e])),
        }
    }
    groups.sort_by(|a, b| a.0.cmp(b.0));
    for (key, edges) in groups {
        let name = if key.is_empty() {
            "edges.yaml".to_owned()
        } else {
            format!("edges-{key}.yaml")
        };
        let mut s = start("Edges");
        s.push_str("edges:\n");
        for e in edges {
            edge(&mut s, e);
        }
        files.push((name, s));
    }
    files
}

fn edge_type(s: &mut String, t: &DraftType) {
    if let Some(why) = &t.why {
        let _ = writeln!(s, "  # {}", comment(why));
    }
    field(s, "- name", Some(&t.name));
    let _ = writeln!(s, "    directed: {}", t.directed);
    field(s, "  label", t.label.as_deref());
    field(s, "  color", t.color.as_deref());
    field(s, "  style", t.style.as_deref());
}

fn org(s: &mut String, o: &DraftOrg) {
    field(s, "- id", Some(&o.id));
    field(s, "  name", Some(&o.name));
    field(s, "  short", o.short.as_deref());
    list(s, "  aliases", &o.aliases);
    field(s, "  kind", o.kind.as_deref());
    field(s, "  region", o.region.as_deref());
    date(s, "  founded", o.founded.as_deref());
    date(s, "  dissolved", o.dissolved.as_deref());
    field(s, "  wikidata", o.wikidata.as_deref());
    field(s, "  notes", o.notes.as_deref());
}

fn source(s: &mut String, src: &DraftSource) {
    field(s, "- id", Some(&src.id));
    field(s, "  title", Some(&src.title));
    field(s, "  author", src.author.as_deref());
    field(s, "  publisher", src.publisher.as_deref());
    date(s, "  published", src.published.as_deref());
    field(s, "  url", src.url.as_deref());
    date(s, "  accessed", src.accessed.as_deref());
    field(s, "  notes", src.notes.as_deref());
    field(s, "  reliability", src.reliability.as_deref());
}

fn edge(s: &mut String, e: &DraftEdge) {
    if let Some(id) = &e.id {
        field(s, "- id", Some(id));
        field(s, "  from", Some(&e.from));
    } else {
        field(s, "- from", Some(&e.from));
    }
    field(s, "  to", Some(&e.to));
    field(s, "  type", Some(&e.edge_type));
    date(s, "  date", e.date.as_deref());
    date(s, "  start", e.start.as_deref());
    date(s, "  end", e.end.as_deref());
    field(s, "  confidence", e.confidence.as_deref());
    citations(s, "sources", &e.sources);
    citations(s, "disputed_by", &e.disputed_by);
    field(s, "  notes", e.notes.as_deref());
}

fn citations(s: &mut String, key: &str, list: &[DraftCitation]) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(s, "    {key}:");
    for c in list {
        if c.quote.is_none() && c.locator.is_none() && c.credibility.is_none() {
            let _ = writeln!(s, "      - {}", scalar(&c.source));
            continue;
        }
        let _ = writeln!(s, "      - ref: {}", scalar(&c.source));
        if let Some(q) = &c.quote {
            let _ = writeln!(s, "        quote: {}", scalar(q));
        }
        if let Some(l) = &c.locator {
            let _ = writeln!(s, "        locator: {}", scalar(l));
        }
        if let Some(n) = c.credibility {
            let _ = writeln!(s, "        credibility: {n}");
        }
    }
}

/// `  key: value` at record depth (`- key` starts a record).
fn field(s: &mut String, key: &str, value: Option<&str>) {
    if let Some(v) = value {
        let _ = writeln!(s, "  {key}: {}", scalar(v));
    }
}

fn date(s: &mut String, key: &str, value: Option<&str>) {
    if let Some(v) = value {
        let plain = !v.is_empty()
            && v.bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'X' | b'-' | b'?' | b'~' | b'%'))
            && v.as_bytes()[0].is_ascii_digit();
        if plain {
            let _ = writeln!(s, "  {key}: {v}");
        } else {
            field(s, key, Some(v));
        }
    }
}

fn list(s: &mut String, key: &str, values: &[String]) {
    if values.is_empty() {
        return;
    }
    let _ = writeln!(s, "  {key}:");
    for v in values {
        let _ = writeln!(s, "      - {}", scalar(v));
    }
}

/// A comment line's text: one line, no control characters or other line breaks.
fn comment(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// A string as a YAML scalar: plain when it starts with a letter and holds only letters,
/// digits, spaces and `._()/'&,-` (and is no YAML keyword), else double-quoted.
pub fn scalar(value: &str) -> String {
    if is_plain(value) {
        value.to_owned()
    } else {
        quoted(value)
    }
}

fn is_plain(v: &str) -> bool {
    let Some(first) = v.chars().next() else {
        return false;
    };
    let keyword = v.len() <= 5
        && matches!(
            v.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    first.is_ascii_alphabetic()
        && !keyword
        && !v.ends_with(' ')
        && !v.contains("  ")
        && v.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, ' ' | '.' | '_' | '(' | ')' | '/' | '\'' | ',' | '-')
        })
}

/// A double-quoted YAML scalar: `\` and `"` escaped, and every character a reader could
/// take for a line break or strip (controls, U+0085, U+2028, U+2029, U+FEFF) as an escape.
pub fn quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                ) =>
            {
                let n = c as u32;
                if n <= 0xff {
                    let _ = write!(out, "\\x{n:02X}");
                } else {
                    let _ = write!(out, "\\u{n:04X}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_plain_only_when_safe() {
        assert_eq!(scalar("Al Shabaab"), "Al Shabaab");
        assert_eq!(scalar("imu"), "imu");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("2015"), "\"2015\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("x #y"), "\"x #y\"");
        assert_eq!(scalar("trailing "), "\"trailing \"");
        assert_eq!(scalar("-dash"), "\"-dash\"");
        assert_eq!(scalar(""), "\"\"");
        assert_eq!(
            quoted("a\"b\\c\nd\u{92}\u{2028}"),
            "\"a\\\"b\\\\c\\nd\\x92\\u2028\""
        );
    }
}
