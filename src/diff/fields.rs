//! Field-by-field comparison of two versions of a record, each value as the text a
//! reviewer reads (dates as written, lists joined), absent values as `None`.

use crate::model::{CompactString, Date, Edge, Organization, Source, When};

/// One field whose value differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// The YAML field name.
    pub field: &'static str,
    /// The old value, `None` when absent.
    pub old: Option<String>,
    /// The new value, `None` when absent.
    pub new: Option<String>,
}

/// Collects the fields whose values differ.
#[derive(Default)]
struct Compare(Vec<FieldChange>);

impl Compare {
    fn field(&mut self, field: &'static str, old: Option<String>, new: Option<String>) {
        if old != new {
            self.0.push(FieldChange { field, old, new });
        }
    }
}

fn text(t: Option<&str>) -> Option<String> {
    t.map(str::to_owned)
}

fn date(d: Option<&Date>) -> Option<String> {
    d.map(|d| d.text().to_owned())
}

fn list(items: &[CompactString]) -> Option<String> {
    (!items.is_empty()).then(|| items.join(", "))
}

/// Changed fields of an organization.
pub fn organization(a: &Organization, b: &Organization) -> Vec<FieldChange> {
    let mut c = Compare::default();
    c.field("name", Some(a.name.to_string()), Some(b.name.to_string()));
    c.field("short", text(a.short.as_deref()), text(b.short.as_deref()));
    c.field("aliases", list(&a.aliases), list(&b.aliases));
    c.field("kind", text(a.kind.as_deref()), text(b.kind.as_deref()));
    c.field(
        "region",
        text(a.region.as_deref()),
        text(b.region.as_deref()),
    );
    c.field(
        "founded",
        date(a.founded.as_ref()),
        date(b.founded.as_ref()),
    );
    c.field(
        "dissolved",
        date(a.dissolved.as_ref()),
        date(b.dissolved.as_ref()),
    );
    c.field(
        "wikidata",
        text(a.wikidata.as_deref()),
        text(b.wikidata.as_deref()),
    );
    c.field("notes", text(a.notes.as_deref()), text(b.notes.as_deref()));
    c.0
}

/// Changed fields of a source.
pub fn source(a: &Source, b: &Source) -> Vec<FieldChange> {
    let mut c = Compare::default();
    c.field(
        "title",
        Some(a.title.to_string()),
        Some(b.title.to_string()),
    );
    c.field(
        "author",
        text(a.author.as_deref()),
        text(b.author.as_deref()),
    );
    c.field(
        "publisher",
        text(a.publisher.as_deref()),
        text(b.publisher.as_deref()),
    );
    c.field(
        "published",
        date(a.published.as_ref()),
        date(b.published.as_ref()),
    );
    c.field("url", text(a.url.as_deref()), text(b.url.as_deref()));
    c.field(
        "accessed",
        date(a.accessed.as_ref()),
        date(b.accessed.as_ref()),
    );
    c.field("notes", text(a.notes.as_deref()), text(b.notes.as_deref()));
    c.field(
        "reliability",
        a.reliability.map(|r| r.letter().to_owned()),
        b.reliability.map(|r| r.letter().to_owned()),
    );
    c.0
}

/// The `date`, `start` and `end` fields of an edge.
fn when_fields(w: &When) -> [Option<String>; 3] {
    match w {
        When::Undated => [None, None, None],
        When::Point(d) => [date(Some(d)), None, None],
        When::Interval { start, end } => [None, date(start.as_ref()), date(end.as_ref())],
    }
}

/// Changed scalar fields of an edge (endpoints and relation match by construction;
/// citations are compared separately).
pub fn edge(a: &Edge, b: &Edge) -> Vec<FieldChange> {
    let mut c = Compare::default();
    c.field("id", text(a.id.as_deref()), text(b.id.as_deref()));
    let [a_date, a_start, a_end] = when_fields(&a.when);
    let [b_date, b_start, b_end] = when_fields(&b.when);
    c.field("date", a_date, b_date);
    c.field("start", a_start, b_start);
    c.field("end", a_end, b_end);
    c.field(
        "confidence",
        a.confidence.map(|x| x.as_str().to_owned()),
        b.confidence.map(|x| x.as_str().to_owned()),
    );
    c.field("notes", text(a.notes.as_deref()), text(b.notes.as_deref()));
    c.0
}
