//! Property tests of the whole pipeline on hostile text: an organization name, alias and
//! quote made of any Unicode either is rejected with a diagnostic (forbidden control
//! characters, a blank name) or comes back exactly from the JSON and GraphML exports (read
//! with a real JSON and XML parser), and always yields DOT that a strict DOT parser
//! accepts, with the label a DOT reader will show. Graphviz itself reads the same inputs
//! in `tests/it/interop.rs`.

use std::collections::BTreeMap;
use std::fs;
use std::sync::atomic::{AtomicUsize, Ordering};

use actorgraph::export::{self, Format, Options};
use actorgraph::model::Dataset;
use actorgraph::pipeline;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use serde_json::Value;

use crate::dot_syntax;
use crate::unicode_text;

use unicode_text::{dataset, forbidden, must_reject, text};

/// Loads `yaml` as a one-file dataset: the dataset, or the codes of its errors.
fn check(yaml: &str) -> Result<Dataset, Vec<&'static str>> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("d.yaml");
    fs::write(&path, yaml).expect("write");
    let checked = pipeline::check(pipeline::Input::Paths(&[path]), pipeline::Mode::Build);
    let errors: Vec<&'static str> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == actorgraph::diagnostic::Severity::Error)
        .map(|d| d.code.as_str())
        .collect();
    checked.dataset.ok_or(errors)
}

fn export(dataset: &Dataset, format: Format) -> String {
    let mut out = Vec::new();
    export::write(format, dataset, &Options::default(), &mut out).expect("export");
    String::from_utf8(out).expect("UTF-8 export")
}

/// What a DOT reader shows for `s`: line breaks and tabs kept, carriage returns dropped,
/// other control characters replaced by U+FFFD (Graphviz has no way to show them).
fn dot_label(s: &str) -> String {
    s.chars()
        .filter(|&c| c != '\r')
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// The `<data>` values of the GraphML element with `id`, by key.
fn graphml_data(doc: &roxmltree::Document<'_>, id: &str) -> BTreeMap<String, String> {
    let element = doc
        .descendants()
        .find(|n| {
            n.attribute("id") == Some(id) && (n.has_tag_name("node") || n.has_tag_name("edge"))
        })
        .unwrap_or_else(|| panic!("no GraphML element {id}"));
    element
        .children()
        .filter(|c| c.has_tag_name("data"))
        .map(|c| {
            (
                c.attribute("key").expect("key").to_owned(),
                c.text().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

static ROUND_TRIPS: AtomicUsize = AtomicUsize::new(0);

fn round_trip(name: &str, alias: &str, quote: &str) -> Result<(), TestCaseError> {
    let yaml = dataset(name, alias, quote);
    let has_forbidden = [name, alias, quote]
        .iter()
        .any(|s| s.chars().any(forbidden));
    let must_fail = has_forbidden || must_reject(name);
    let dataset = match check(&yaml) {
        Ok(dataset) => dataset,
        Err(codes) => {
            prop_assert!(must_fail, "rejected {codes:?}:\n{yaml}");
            let want = if has_forbidden {
                "control-character"
            } else {
                "empty-value"
            };
            prop_assert!(codes.contains(&want), "{codes:?} lacks {want}:\n{yaml}");
            return Ok(());
        }
    };
    prop_assert!(!must_fail, "accepted:\n{yaml}");

    ROUND_TRIPS.fetch_add(1, Ordering::Relaxed);
    let json: Value = serde_json::from_str(&export(&dataset, Format::Json)).expect("JSON");
    let a = &json["organizations"][0];
    prop_assert_eq!(a["id"].as_str(), Some("a"));
    prop_assert_eq!(a["name"].as_str(), Some(name));
    prop_assert_eq!(&a["aliases"], &serde_json::json!([alias]));
    prop_assert_eq!(
        json["edges"][0]["sources"][0]["quote"].as_str(),
        Some(quote)
    );

    let xml = export(&dataset, Format::Graphml);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed GraphML");
    let node = graphml_data(&doc, "a");
    prop_assert_eq!(node.get("n_name").map(String::as_str), Some(name));
    let aliases: Vec<String> =
        serde_json::from_str(node.get("n_aliases").expect("aliases")).expect("JSON list");
    prop_assert_eq!(aliases, vec![alias.to_owned()]);
    let edge = doc
        .descendants()
        .find(|n| n.has_tag_name("edge"))
        .and_then(|e| e.attribute("id"))
        .expect("edge id")
        .to_owned();
    let quotes: Vec<String> =
        serde_json::from_str(graphml_data(&doc, &edge).get("e_quotes").expect("quotes"))
            .expect("JSON list");
    prop_assert_eq!(quotes, vec![quote.to_owned()]);

    let dot = export(&dataset, Format::Dot);
    let parsed = dot_syntax::parse(&dot).map_err(|e| TestCaseError::fail(format!("{e}\n{dot}")))?;
    let node = parsed.nodes.iter().find(|n| n.id == "a").expect("node a");
    prop_assert_eq!(node.attr("label").map(str::to_owned), Some(dot_label(name)));
    let tooltip = node.attr("tooltip").expect("tooltip");
    prop_assert!(tooltip.contains(&dot_label(alias)), "{tooltip:?}");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn hostile_text_round_trips_or_is_rejected(name in text(), alias in text(), quote in text()) {
        round_trip(&name, &alias, &quote)?;
    }
}

#[test]
fn most_generated_cases_reach_the_exports() {
    // The generator is useless if nearly every case is rejected before exporting.
    let mut runner = proptest::test_runner::TestRunner::default();
    let strategy = (text(), text(), text());
    let before = ROUND_TRIPS.load(Ordering::Relaxed);
    for _ in 0..100 {
        let (n, a, q) = strategy.new_tree(&mut runner).expect("case").current();
        round_trip(&n, &a, &q).expect("property");
    }
    let exported = ROUND_TRIPS.load(Ordering::Relaxed) - before;
    assert!(
        exported >= 30,
        "only {exported} of 100 cases reached the exports"
    );
}

#[test]
fn known_hard_cases() {
    for s in [
        "\"",
        "\\",
        "a\\\"b",
        "trailing backslash \\",
        "\\N \\G \\E \\L \\n \\l \\r",
        "line one\nline two",
        "tab\there",
        "\u{202e}RTL override\u{202c}",
        "عربي \"quoted\" עברית",
        "🔥\u{fe0f}🇺🇿",
        "]]> <!-- --> <?xml?> &amp; &#0;",
        "digraph { a -> b }",
        "\u{85}next line and \u{92}mojibake",
        "\u{2028}\u{2029}",
        "\u{feff}",
        "x\u{7f}y",
    ] {
        round_trip(s, s, s).unwrap_or_else(|e| panic!("{s:?}: {e}"));
    }
    for rejected in [
        "bell\u{7}",
        "nul\u{0}",
        "esc\u{1b}[2J",
        "cr\rlf",
        "\u{ffff}",
        " ",
    ] {
        round_trip(rejected, "x", "y").unwrap_or_else(|e| panic!("{rejected:?}: {e}"));
    }
}
