//! The dataset as four CSV tables for spreadsheets, Gephi and Kumu, and for `import` to
//! read back exactly: `organizations.csv` (Gephi's `Id` and `Label` columns, Kumu's
//! `Label`), `edges.csv` (Gephi's `Source` and `Target` ids and `Type`, Kumu's `From` and
//! `To` names and `Direction`, the relation in `relation`), `sources.csv` and
//! `edge_types.csv`.
//! List fields are JSON arrays in one cell (`aliases`: strings; `citations` and
//! `disputed_by`: a source id, or an object with `ref`, `quote`, `locator` and
//! `credibility`; `sources.csv` has a `reliability` column when any grade exists); an empty
//! cell is an absent value, and an empty text is the one character U+FFFF
//! ([`EMPTY_TEXT`]). UTF-8, no byte order mark, `\n` line ends, quotes only where needed.

use std::io::{self, Write};

use serde::Serialize;

use super::records::{AsWritten, CitationRecord};
use crate::model::{Citation, Dataset, Date, When};

/// The file names, in the order [`write_table`] takes them.
pub const FILES: [&str; 4] = [
    "organizations.csv",
    "edges.csv",
    "sources.csv",
    "edge_types.csv",
];

/// Writes the table `name` (one of [`FILES`]) of `dataset` to `out`.
pub fn write_table(dataset: &Dataset, name: &str, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    match name {
        "organizations.csv" => organizations(dataset, &mut w),
        "edges.csv" => edges(dataset, &mut w),
        "sources.csv" => sources(dataset, &mut w),
        "edge_types.csv" => edge_types(dataset, &mut w),
        _ => Err(csv::Error::from(io::Error::other(format!(
            "no table {name}"
        )))),
    }
    .map_err(io::Error::other)?;
    w.flush()
}

type Writer<'a> = csv::Writer<&'a mut dyn Write>;

/// The marker of an empty text (`notes: ""`), which an empty cell (an absent value) cannot
/// carry: U+FFFF, a character no dataset text may contain.
pub const EMPTY_TEXT: &str = "\u{ffff}";

fn opt(s: Option<&str>) -> &str {
    match s {
        Some("") => EMPTY_TEXT,
        Some(s) => s,
        None => "",
    }
}

fn date(d: Option<&Date>) -> &str {
    d.map_or("", Date::text)
}

fn organizations(d: &Dataset, w: &mut Writer<'_>) -> csv::Result<()> {
    w.write_record([
        "Id",
        "Label",
        "short",
        "aliases",
        "kind",
        "region",
        "founded",
        "dissolved",
        "wikidata",
        "notes",
    ])?;
    for o in &d.organizations {
        let aliases = if o.aliases.is_empty() {
            String::new()
        } else {
            json(&o.aliases)
        };
        w.write_record([
            o.id.as_str(),
            o.name.as_str(),
            opt(o.short.as_deref()),
            &aliases,
            opt(o.kind.as_deref()),
            opt(o.region.as_deref()),
            date(o.founded.as_ref()),
            date(o.dissolved.as_ref()),
            opt(o.wikidata.as_deref()),
            opt(o.notes.as_deref()),
        ])?;
    }
    Ok(())
}

#[derive(Serialize)]
#[serde(untagged)]
enum Cite<'a> {
    Bare(&'a str),
    Full {
        #[serde(rename = "ref")]
        source: &'a str,
        #[serde(flatten)]
        record: CitationRecord<'a, AsWritten>,
    },
}

fn citations(d: &Dataset, list: &[Citation]) -> String {
    if list.is_empty() {
        return String::new();
    }
    let cites: Vec<Cite<'_>> = list
        .iter()
        .map(|c| {
            let source = d.sources[c.source].id.as_str();
            if c.quote.is_none() && c.locator.is_none() && c.credibility.is_none() {
                Cite::Bare(source)
            } else {
                Cite::Full {
                    source,
                    record: c.into(),
                }
            }
        })
        .collect();
    json(&cites)
}

fn json(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn edges(d: &Dataset, w: &mut Writer<'_>) -> csv::Result<()> {
    w.write_record([
        "Id",
        "Source",
        "Target",
        "From",
        "To",
        "relation",
        "Type",
        "Direction",
        "date",
        "start",
        "end",
        "confidence",
        "citations",
        "disputed_by",
        "notes",
    ])?;
    for e in &d.edges {
        let (from, to) = d.endpoints(e);
        let t = d.edge_type(e);
        let (point, start, end) = match &e.when {
            When::Undated => (None, None, None),
            When::Point(p) => (Some(p), None, None),
            When::Interval { start, end } => (None, start.as_ref(), end.as_ref()),
        };
        let (gephi, kumu) = if t.directed {
            ("Directed", "directed")
        } else {
            ("Undirected", "undirected")
        };
        w.write_record([
            opt(e.id.as_deref()),
            from.id.as_str(),
            to.id.as_str(),
            from.name.as_str(),
            to.name.as_str(),
            t.name.as_str(),
            gephi,
            kumu,
            date(point),
            date(start),
            date(end),
            e.confidence.map_or("", crate::model::Confidence::as_str),
            &citations(d, &e.sources),
            &citations(d, &e.disputed_by),
            opt(e.notes.as_deref()),
        ])?;
    }
    Ok(())
}

/// `sources.csv`; the `reliability` column only for a graded dataset.
fn sources(d: &Dataset, w: &mut Writer<'_>) -> csv::Result<()> {
    let graded = d.has_grades();
    let mut header = vec![
        "id",
        "title",
        "author",
        "publisher",
        "published",
        "url",
        "accessed",
        "notes",
    ];
    if graded {
        header.push("reliability");
    }
    w.write_record(&header)?;
    for s in &d.sources {
        let mut row = vec![
            s.id.as_str(),
            s.title.as_str(),
            opt(s.author.as_deref()),
            opt(s.publisher.as_deref()),
            date(s.published.as_ref()),
            opt(s.url.as_deref()),
            date(s.accessed.as_ref()),
            opt(s.notes.as_deref()),
        ];
        if graded {
            row.push(s.reliability.map_or("", crate::model::Reliability::letter));
        }
        w.write_record(&row)?;
    }
    Ok(())
}

fn edge_types(d: &Dataset, w: &mut Writer<'_>) -> csv::Result<()> {
    w.write_record(["name", "directed", "label", "color", "style", "builtin"])?;
    for t in &d.edge_types {
        w.write_record([
            t.name.as_str(),
            if t.directed { "true" } else { "false" },
            opt(Some(t.label.as_str())),
            t.color.as_str(),
            t.style.as_str(),
            if t.builtin { "true" } else { "false" },
        ])?;
    }
    Ok(())
}
