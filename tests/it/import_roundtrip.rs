//! The CSV export read back by `import` is the same dataset: over generated datasets
//! (hostile text in every free-text field, every kind of date, declared and restyled edge
//! types, citations with and without quotes, disputes, edge ids), `export -f csv` then
//! `import` then the JSON export gives exactly the bytes of the original's JSON export.
//! The imported YAML is written to disk and loaded again like any dataset. A second
//! property feeds generic tables of hostile text: the import never writes YAML the
//! validator refuses.

use std::fmt::Write as _;
use std::fs;

use actorgraph::diagnostic::Severity;
use actorgraph::export::{self, Format, Options};
use actorgraph::import;
use actorgraph::model::Dataset;
use actorgraph::pipeline;
use proptest::prelude::*;

use crate::unicode_text;

use unicode_text::{forbidden, text, yaml_quoted};

/// Text a dataset accepts: the generated text without forbidden characters.
fn clean(s: &str) -> String {
    s.chars().filter(|&c| !forbidden(c) && c != '\r').collect()
}

/// Required text: never blank.
fn required(s: &str) -> String {
    format!("N{}", clean(s))
}

const DATES: &[&str] = &[
    "2001",
    "2015-08",
    "2015-08-11",
    "201X",
    "2015-XX",
    "2015?",
    "2014~",
    "2013%",
    "19XX",
];
const TYPES: &[&str] = &[
    "allegiance",
    "rivalry",
    "splinter",
    "hosting",
    "cooperation",
    "rivalry",
];

#[derive(Debug, Clone)]
struct Org {
    name: String,
    short: Option<String>,
    aliases: Vec<String>,
    region: Option<String>,
    founded: Option<usize>,
    notes: Option<String>,
}

#[derive(Debug, Clone)]
struct Cite {
    source: usize,
    quote: Option<String>,
    locator: Option<String>,
    credibility: Option<u8>,
}

#[derive(Debug, Clone)]
struct Edge {
    id: bool,
    from: usize,
    to: usize,
    kind: usize,
    when: (u8, usize, usize),
    confidence: Option<usize>,
    sources: Vec<Cite>,
    disputed: Vec<Cite>,
    notes: Option<String>,
}

fn org() -> impl Strategy<Value = Org> {
    (
        text(),
        proptest::option::of(text()),
        proptest::collection::vec(text(), 0..3),
        proptest::option::of(text()),
        proptest::option::of(0..DATES.len()),
        proptest::option::of(text()),
    )
        .prop_map(|(name, short, aliases, region, founded, notes)| Org {
            name: required(&name),
            short: short.map(|s| clean(&s)),
            aliases: aliases.iter().map(|a| clean(a)).collect(),
            region: region.map(|s| clean(&s)),
            founded,
            notes: notes.map(|s| clean(&s)),
        })
}

fn cite(sources: usize) -> impl Strategy<Value = Cite> {
    (
        0..sources,
        proptest::option::of(text()),
        proptest::option::of(text()),
        proptest::option::of(1u8..=6),
    )
        .prop_map(|(source, quote, locator, credibility)| Cite {
            source,
            quote: quote.map(|s| clean(&s)),
            locator: locator.map(|s| clean(&s)),
            credibility,
        })
}

fn edge(orgs: usize, sources: usize) -> impl Strategy<Value = Edge> {
    (
        any::<bool>(),
        0..orgs,
        1..orgs,
        0..TYPES.len(),
        (0u8..4, 0..DATES.len(), 0..DATES.len()),
        proptest::option::of(0usize..3),
        proptest::collection::vec(cite(sources), 1..3),
        proptest::collection::vec(cite(sources), 0..2),
        proptest::option::of(text()),
    )
        .prop_map(
            move |(id, from, step, kind, when, confidence, sources, disputed, notes)| Edge {
                id,
                from,
                to: (from + step) % orgs,
                kind,
                when,
                confidence,
                sources,
                disputed,
                notes: notes.map(|s| clean(&s)),
            },
        )
}

fn field(out: &mut String, key: &str, value: Option<&String>) {
    if let Some(v) = value {
        let _ = writeln!(out, "    {key}: {}", yaml_quoted(v));
    }
}

fn citations(out: &mut String, key: &str, list: &[Cite]) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(out, "    {key}:");
    for c in list {
        if c.quote.is_none() && c.locator.is_none() && c.credibility.is_none() {
            let _ = writeln!(out, "      - s{}", c.source);
            continue;
        }
        let _ = writeln!(out, "      - ref: s{}", c.source);
        if let Some(q) = &c.quote {
            let _ = writeln!(out, "        quote: {}", yaml_quoted(q));
        }
        if let Some(l) = &c.locator {
            let _ = writeln!(out, "        locator: {}", yaml_quoted(l));
        }
        if let Some(g) = c.credibility {
            let _ = writeln!(out, "        credibility: {g}");
        }
    }
}

/// The dataset as YAML: organizations `o0`…, sources `s0`…, a declared undirected
/// `cooperation` with a hostile label, `rivalry` restyled, and the edges.
fn yaml(orgs: &[Org], titles: &[(String, Option<usize>)], label: &str, edges: &[Edge]) -> String {
    let mut out = format!(
        "edge_types:\n  - name: cooperation\n    directed: false\n    label: {}\n    color: darkgreen\n    style: dashed\n  - name: rivalry\n    directed: false\n    color: \"#aa0000\"\n  - name: unused-type\n    directed: true\norganizations:\n",
        yaml_quoted(label)
    );
    for (i, o) in orgs.iter().enumerate() {
        let _ = writeln!(out, "  - id: o{i}");
        field(&mut out, "name", Some(&o.name));
        field(&mut out, "short", o.short.as_ref());
        if !o.aliases.is_empty() {
            let list: Vec<String> = o.aliases.iter().map(|a| yaml_quoted(a)).collect();
            let _ = writeln!(out, "    aliases: [{}]", list.join(", "));
        }
        field(&mut out, "region", o.region.as_ref());
        if let Some(d) = o.founded {
            let _ = writeln!(out, "    founded: \"{}\"", DATES[d]);
        }
        field(&mut out, "notes", o.notes.as_ref());
    }
    out.push_str("sources:\n");
    for (i, (t, reliability)) in titles.iter().enumerate() {
        let _ = writeln!(out, "  - id: s{i}\n    title: {}", yaml_quoted(t));
        if let Some(r) = reliability {
            let _ = writeln!(
                out,
                "    reliability: {}",
                ["A", "B", "C", "D", "E", "F"][*r]
            );
        }
        if i == 0 {
            out.push_str("    url: \"https://example.org/a?b=c,d\"\n    published: 2019-05\n");
        }
    }
    out.push_str("edges:\n");
    for (i, e) in edges.iter().enumerate() {
        let _ = writeln!(
            out,
            "  - from: o{}\n    to: o{}\n    type: {}",
            e.from, e.to, TYPES[e.kind]
        );
        if e.id {
            let _ = writeln!(out, "    id: e{i}");
        }
        let (kind, a, b) = e.when;
        match kind {
            1 => {
                let _ = writeln!(out, "    date: \"{}\"", DATES[a]);
            }
            2 => {
                let _ = writeln!(out, "    start: \"{}\"", DATES[a]);
            }
            3 => {
                let _ = writeln!(
                    out,
                    "    start: \"{}\"\n    end: \"{}\"",
                    DATES[a], DATES[b]
                );
            }
            _ => {}
        }
        if let Some(c) = e.confidence {
            let _ = writeln!(out, "    confidence: {}", ["high", "medium", "low"][c]);
        }
        citations(&mut out, "sources", &e.sources);
        citations(&mut out, "disputed_by", &e.disputed);
        field(&mut out, "notes", e.notes.as_ref());
    }
    out
}

fn json(dataset: &Dataset) -> String {
    let mut out = Vec::new();
    export::write(Format::Json, dataset, &Options::default(), &mut out).expect("export");
    String::from_utf8(out).expect("UTF-8")
}

/// Loads a dataset, or `None` when it has an error (a generated case the format refuses,
/// such as two edges that are duplicates).
fn load(path: &std::path::Path) -> Option<Dataset> {
    let checked = pipeline::check(
        pipeline::Input::Paths(&[path.to_path_buf()]),
        pipeline::Mode::Build,
    );
    checked.dataset
}

fn round_trip(yaml_text: &str) -> Result<bool, TestCaseError> {
    let dir = tempfile::tempdir().expect("temp dir");
    let original = dir.path().join("original.yaml");
    fs::write(&original, yaml_text).expect("write");
    let Some(dataset) = load(&original) else {
        return Ok(false);
    };
    let tables = dir.path().join("tables");
    fs::create_dir(&tables).expect("mkdir");
    for name in export::csv::FILES {
        let mut out = Vec::new();
        export::csv::write_table(&dataset, name, &mut out).expect("csv");
        fs::write(tables.join(name), out).expect("write table");
    }
    let out = dir.path().join("out");
    let imported = import::import(&[tables], &out, &import::Options::default())
        .map_err(|e| TestCaseError::fail(format!("import failed: {e:?}")))?;
    let errors: Vec<_> = imported
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.clone())
        .collect();
    prop_assert!(errors.is_empty(), "{errors:?}");
    fs::create_dir(&out).expect("mkdir");
    for (path, text) in &imported.outputs {
        fs::write(path, text).expect("write output");
    }
    let back = load(&out).ok_or_else(|| TestCaseError::fail("the written YAML is invalid"))?;
    let (before, after) = (json(&dataset), json(&back));
    prop_assert!(
        before == after,
        "JSON differs:\n{yaml_text}\n---\n{before}\n---\n{after}"
    );
    Ok(true)
}

fn case() -> impl Strategy<Value = String> {
    (2usize..6, 1usize..4).prop_flat_map(|(n, s)| {
        (
            proptest::collection::vec(org(), n),
            proptest::collection::vec((text(), proptest::option::of(0usize..6)), s),
            text(),
            proptest::collection::vec(edge(n, s), 0..8),
        )
            .prop_map(|(orgs, titles, label, edges)| {
                let titles: Vec<(String, Option<usize>)> =
                    titles.iter().map(|(t, r)| (required(t), *r)).collect();
                yaml(&orgs, &titles, &clean(&label), &edges)
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn csv_export_imports_back_to_the_same_json(yaml_text in case()) {
        round_trip(&yaml_text)?;
    }
}

#[test]
fn most_generated_datasets_are_valid() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::default();
    let mut valid = 0;
    for _ in 0..40 {
        let yaml_text = case().new_tree(&mut runner).expect("case").current();
        if round_trip(&yaml_text).expect("property") {
            valid += 1;
        }
    }
    assert!(
        valid >= 20,
        "only {valid} of 40 generated datasets were valid"
    );
}

/// A generic table of hostile text: names, relation, quote and notes of any Unicode, a
/// date that may be garbage. The import never makes YAML the validator refuses (that
/// would be `ImportError::Bug`), every row is either written or refused with an error, and
/// a written quote is the cell's text (trimmed, `\r\n` as `\n`).
fn generic_table(rows: &[(String, String, String, String, String)]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("temp dir");
    let table = dir.path().join("t.csv");
    let mut w = csv::Writer::from_path(&table).expect("csv");
    w.write_record(["From", "To", "Relation", "Date", "Quote"])
        .expect("header");
    for (a, b, r, d, q) in rows {
        w.write_record([a, b, r, d, q]).expect("row");
    }
    w.flush().expect("flush");
    drop(w);
    let out = dir.path().join("out");
    let imported = match import::import(&[table], &out, &import::Options::default()) {
        Ok(i) => i,
        Err(import::ImportError::Bug(i)) => {
            let messages: Vec<_> = i.diagnostics.iter().map(|d| &d.message).collect();
            return Err(TestCaseError::fail(format!(
                "importer bug: {messages:?}\n{rows:?}"
            )));
        }
        Err(e) => return Err(TestCaseError::fail(format!("{e:?}"))),
    };
    let refused = imported.counts.refused;
    let errors = imported
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    prop_assert_eq!(refused, errors, "one error per refused row");
    fs::create_dir(&out).expect("mkdir");
    for (path, text) in &imported.outputs {
        fs::write(path, text).expect("write");
    }
    if imported.outputs.is_empty() {
        return Ok(());
    }
    let back = load(&out).ok_or_else(|| TestCaseError::fail("written YAML invalid"))?;
    let quotes: Vec<&str> = back
        .edges
        .iter()
        .flat_map(|e| e.sources.iter().filter_map(|c| c.quote.as_deref()))
        .collect();
    // With no row refused, every row's quote is written (merged rows keep theirs, a
    // repeated row's is its first's).
    for (_, _, _, _, q) in rows.iter().filter(|_| refused == 0) {
        let q = q.replace("\r\n", "\n");
        let q = q.trim();
        if !q.is_empty() {
            prop_assert!(quotes.contains(&q), "quote {q:?} not in {quotes:?}");
        }
    }
    Ok(())
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => text().prop_map(|s| clean(&s)),
        1 => text(),
        1 => proptest::sample::select(vec!["IMU", "imu ", "Al-Qaïda", "al qaida", "", " "]).prop_map(str::to_owned),
    ]
}

fn date_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(DATES.to_vec()).prop_map(str::to_owned),
        proptest::sample::select(vec!["2/18/10", "2005-00-00", "13/13/13", "2001.0", ""])
            .prop_map(str::to_owned),
        text(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn generic_import_never_writes_invalid_yaml(
        rows in proptest::collection::vec((cell(), cell(), cell(), date_cell(), cell()), 1..8)
    ) {
        generic_table(&rows)?;
    }
}
