//! What the cursor is on, read from the buffer's own text around it: the section
//! (`organizations`, `sources`, `edges`, `edge_types`), the key whose value it is in
//! (a list item inherits its list's key, so `- src-one` under `sources:` is a source),
//! and the id-like word under it. Reading the text rather than the last validated spans
//! keeps completion, hover and navigation right while a re-validation is still running.
//! Block style and one-line flow collections (`sources: [a, {ref: b}]`,
//! `- {from: a, to: b}`) are understood; a flow collection spread over several lines is
//! not.

/// What a value at the cursor names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// An organization id used as an endpoint (`from`, `to`).
    OrgRef,
    /// A source id cited (`ref`, items of `sources` and `disputed_by`).
    SourceRef,
    /// An edge type used by an edge (`type`).
    TypeRef,
    /// An organization's own `id`.
    OrgDef,
    /// A source's own `id`.
    SourceDef,
    /// An edge type's own `name`.
    TypeDef,
    /// Any other place inside an edge record.
    Edge,
    /// Anywhere else.
    Other,
}

/// The word under the cursor: its byte range in the line.
pub fn word_at(line: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(line.len());
    while !line.is_char_boundary(at) {
        at -= 1;
    }
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.');
    let start = line[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word(c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = line[at..]
        .char_indices()
        .find(|&(_, c)| !is_word(c))
        .map_or(line.len(), |(i, _)| at + i);
    (start, end)
}

/// A line split into indentation, list dashes, key and value.
struct Parts<'a> {
    /// Column of the entry (after the indentation and any `- `).
    indent: usize,
    /// Whether the line starts a list item.
    dash: bool,
    /// The key, when the line holds `key:`.
    key: Option<&'a str>,
    /// Byte offset where the value (after `key:`) starts; the entry's start otherwise.
    value_at: usize,
}

fn parts(line: &str) -> Parts<'_> {
    let mut at = line.len() - line.trim_start_matches(' ').len();
    let mut dash = false;
    while line[at..].starts_with("- ") || &line[at..] == "-" {
        dash = true;
        at += 1;
        at += line[at..].len() - line[at..].trim_start_matches(' ').len();
    }
    let entry = &line[at..];
    let key_end = entry
        .find(": ")
        .or_else(|| entry.ends_with(':').then(|| entry.len() - 1));
    let key = key_end
        .map(|k| entry[..k].trim().trim_matches(['"', '\'']))
        .filter(|k| !k.is_empty() && !k.starts_with(['[', '{', '"', '\'', '#']));
    let value_at = match (key, key_end) {
        (Some(_), Some(k)) => at + k + 1,
        _ => at,
    };
    Parts {
        indent: at,
        dash,
        key,
        value_at,
    }
}

fn blank(line: &str) -> bool {
    let t = line.trim_start();
    t.is_empty() || t.starts_with('#')
}

/// What the cursor at byte `at` of line `line` (0-based) of `lines` is on.
pub fn slot(lines: &dyn Fn(usize) -> Option<String>, line: usize, at: usize) -> Slot {
    let Some(text) = lines(line) else {
        return Slot::Other;
    };
    let at = (0..=at.min(text.len()))
        .rev()
        .find(|&b| text.is_char_boundary(b))
        .unwrap_or(0);
    let p = parts(&text);
    let section = section(lines, line, &text);
    let other = in_section(section.as_deref());
    // Where a flow collection starts on this line: the entry itself, or the value.
    let value = text[p.value_at..].trim_start();
    let flow_at = if p.key.is_none() && text[p.indent..].starts_with('{') {
        Some(p.indent)
    } else if p.key.is_some() && value.starts_with(['[', '{']) {
        Some(text.len() - value.len())
    } else {
        None
    };
    let key = match (flow_at, p.key) {
        (_, Some(_)) if at < p.value_at => return other,
        (Some(start), outer) if at > start => match flow(&text[start..at]) {
            Some(Flow::Key(Some(key))) => key.to_owned(),
            Some(Flow::Item(key)) => return key.or(outer).and_then(list_slot).unwrap_or(other),
            Some(Flow::Key(None)) | None => return other,
        },
        (_, Some(key)) => key.to_owned(),
        (_, None) if p.dash => {
            return parent_key(lines, line, p.indent)
                .as_deref()
                .and_then(list_slot)
                .unwrap_or(other);
        }
        (_, None) => return other,
    };
    match (section.as_deref(), key.as_str()) {
        (Some("edges"), "from" | "to") => Slot::OrgRef,
        (Some("edges"), "type") => Slot::TypeRef,
        (Some("edges"), "ref") => Slot::SourceRef,
        (Some("organizations"), "id") => Slot::OrgDef,
        (Some("sources"), "id") => Slot::SourceDef,
        (Some("edge_types"), "name") => Slot::TypeDef,
        (Some("edges"), k) => list_slot(k).unwrap_or(Slot::Edge),
        _ => Slot::Other,
    }
}

/// Where the cursor is in a one-line flow collection.
enum Flow<'a> {
    /// In a mapping: the value of this key, or (`None`) on a key.
    Key(Option<&'a str>),
    /// An item of a list, the value of this key (`None`: the key is before the text).
    Item(Option<&'a str>),
}

/// Reads `text`, from a flow collection's opening bracket up to the cursor (quotes
/// skipped), to find what the cursor is in; `None` once the collection is closed.
fn flow(text: &str) -> Option<Flow<'_>> {
    let mut open = Vec::new();
    let mut segment = 0;
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '{' | '[') => {
                let key = text[segment..i].split_once(':').map(|(k, _)| k.trim());
                open.push((c, key));
                segment = i + 1;
            }
            (None, '}' | ']') => {
                open.pop();
                segment = i + 1;
            }
            (None, ',') => segment = i + 1,
            // Inside quotes, or any other character.
            _ => {}
        }
    }
    match open.last()? {
        ('{', _) => Some(Flow::Key(
            text[segment..].split_once(':').map(|(k, _)| k.trim()),
        )),
        (_, key) => Some(Flow::Item(*key)),
    }
}

fn in_section(section: Option<&str>) -> Slot {
    if section == Some("edges") {
        Slot::Edge
    } else {
        Slot::Other
    }
}

fn list_slot(key: &str) -> Option<Slot> {
    matches!(key, "sources" | "disputed_by").then_some(Slot::SourceRef)
}

/// The key of the nearest line above `line` indented less than `indent`.
fn parent_key(
    lines: &dyn Fn(usize) -> Option<String>,
    line: usize,
    indent: usize,
) -> Option<String> {
    let dash_column = |text: &str| text.len() - text.trim_start_matches(' ').len();
    let own = lines(line).map_or(indent, |t| dash_column(&t));
    (0..line).rev().find_map(|n| {
        let text = lines(n)?;
        if blank(&text) {
            return None;
        }
        let p = parts(&text);
        let shallower = p.indent < own || (p.indent <= own && !p.dash);
        shallower.then(|| p.key.map(str::to_owned).unwrap_or_default())
    })
}

/// The top-level key the line is under (`edges`, `organizations`, …).
fn section(lines: &dyn Fn(usize) -> Option<String>, line: usize, text: &str) -> Option<String> {
    let top = |t: &str| {
        (!blank(t) && !t.starts_with([' ', '-']))
            .then(|| parts(t).key.map(str::to_owned))
            .flatten()
    };
    if let Some(key) = top(text) {
        return Some(key);
    }
    (0..line).rev().find_map(|n| top(&lines(n)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\
edge_types:
  - name: ally
organizations:
  - id: imu
    name: X
sources:
  - id: src-one
edges:
  - from: imu
    to: 
    type: ally
    sources:
      - ref: src-one
      - src-two
    disputed_by: [src-one, src-two]
    notes: x
  - {from: imu, to: ttp, type: ally, sources: [{ref: s1, quote: \"a, b: c\"}, s2]}
";

    fn at(line: usize, at: usize) -> Slot {
        let lines: Vec<String> = TEXT.lines().map(str::to_owned).collect();
        slot(&|n| lines.get(n).cloned(), line, at)
    }

    #[test]
    fn slots_follow_keys_sections_and_lists() {
        assert_eq!(at(1, 10), Slot::TypeDef);
        assert_eq!(at(3, 9), Slot::OrgDef);
        assert_eq!(at(4, 10), Slot::Other);
        assert_eq!(at(6, 10), Slot::SourceDef);
        assert_eq!(at(8, 11), Slot::OrgRef);
        assert_eq!(at(9, 8), Slot::OrgRef);
        assert_eq!(at(10, 11), Slot::TypeRef);
        assert_eq!(at(12, 15), Slot::SourceRef);
        assert_eq!(at(13, 10), Slot::SourceRef);
        assert_eq!(at(14, 20), Slot::SourceRef);
        assert_eq!(at(15, 11), Slot::Edge);
        // On a key itself: the record, not a value.
        assert_eq!(at(8, 4), Slot::Edge);
        // A flow mapping, its nested list and mapping, and a quote holding `, ` and `: `.
        assert_eq!(at(16, 12), Slot::OrgRef);
        assert_eq!(at(16, 22), Slot::OrgRef);
        assert_eq!(at(16, 9), Slot::Edge);
        assert_eq!(at(16, 34), Slot::TypeRef);
        assert_eq!(at(16, 52), Slot::SourceRef);
        assert_eq!(at(16, 66), Slot::Edge);
        assert_eq!(at(16, 77), Slot::SourceRef);
        assert_eq!(at(16, 80), Slot::Edge);
    }

    #[test]
    fn words_stop_at_quotes_and_spaces() {
        let line = r#"    from: "al-qaeda.x_2" "#;
        assert_eq!(word_at(line, 14), (11, 23));
        assert_eq!(word_at("é", 1), (0, 2));
        assert_eq!(word_at("a b", 9), (2, 3));
        assert_eq!(word_at("a  ", 2), (2, 2));
    }
}
