//! `export -f cypher`, run as a real process: snapshots of the three dialects on the full
//! fixture, stable relationship ids (unchanged when unrelated records go or a filter
//! drops them), filters honoured, and a property test that hostile Unicode comes back
//! exactly from the script's string literals and never ends one early.

use proptest::prelude::*;

use crate::common::{run, run_in};
use crate::unicode_text::{self, dataset, must_reject, text};

const FULL: &str = "tests/fixtures/valid/full";

fn export(path: &str, args: &[&str]) -> String {
    let mut all = vec!["export", path, "-f", "cypher"];
    all.extend(args);
    let r = run(&all);
    assert_eq!(r.code, 0, "{all:?}: {}", r.stderr);
    r.stdout
}

/// Every single-quoted string literal of `script`, decoded as Cypher decodes it; panics
/// on an unterminated literal or an unknown escape.
fn literals(script: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = script.chars();
    while let Some(c) = chars.next() {
        if c == '`' {
            // A quoted name: skip to its end (names never hold a quote).
            for c in chars.by_ref() {
                if c == '`' {
                    break;
                }
            }
            continue;
        }
        if c != '\'' {
            continue;
        }
        let mut s = String::new();
        loop {
            match chars.next().expect("unterminated literal") {
                '\'' => break,
                '\n' => panic!("raw newline in a literal"),
                '\\' => match chars.next().expect("escape") {
                    'u' => {
                        let hex: String = chars.by_ref().take(4).collect();
                        let n = u32::from_str_radix(&hex, 16).expect("hex");
                        s.push(char::from_u32(n).expect("scalar"));
                    }
                    c @ ('\\' | '\'' | '"') => s.push(c),
                    c => panic!("unknown escape \\{c}"),
                },
                c => s.push(c),
            }
        }
        out.push(s);
    }
    out
}

/// The `id` of every relationship row (rows of the edge statements start with `{`id``
/// then `from`).
fn relationship_ids(script: &str) -> Vec<String> {
    script
        .lines()
        .filter(|l| l.starts_with("{`from`: "))
        .map(|l| {
            let start = l.find("`id`: ").expect("id") + 6;
            literals(&l[start..])[0].clone()
        })
        .collect()
}

#[test]
fn snapshot_cypher_neo4j() {
    insta::assert_snapshot!("cypher", export(FULL, &[]));
}

#[test]
fn snapshot_cypher_falkordb() {
    insta::assert_snapshot!("cypher_falkordb", export(FULL, &["--dialect", "falkordb"]));
}

#[test]
fn snapshot_cypher_kuzu() {
    insta::assert_snapshot!("cypher_kuzu", export(FULL, &["--dialect", "kuzu"]));
}

const EDGES: &str = "  - {from: a, to: b, type: rivalry, date: 2001, sources: [s]}\n  \
     - {from: a, to: b, type: rivalry, start: 2003, sources: [s]}\n  \
     - {from: b, to: c, type: allegiance, date: 2004, sources: [s]}\n";

fn ids_of(edges: &str) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let yaml = format!(
        "organizations:\n  - {{id: a, name: A}}\n  - {{id: b, name: B}}\n  - {{id: c, name: C}}\n\
         sources:\n  - {{id: s, title: S}}\nedges:\n{edges}"
    );
    std::fs::write(dir.path().join("d.yaml"), yaml).expect("write");
    let r = run_in(dir.path(), &["export", "d.yaml", "-f", "cypher"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    relationship_ids(&r.stdout)
}

#[test]
fn edges_without_an_id_keep_theirs_when_other_edges_go() {
    let all = ids_of(EDGES);
    assert_eq!(
        all,
        // By relationship type, then in the dataset's edge order.
        [
            "E:b:allegiance:c:2004",
            "E:a:rivalry:b:2001",
            "E:a:rivalry:b:2003.."
        ]
    );
    let without_first: String = EDGES.split_inclusive('\n').skip(1).collect();
    assert_eq!(ids_of(&without_first), [all[0].clone(), all[2].clone()]);
}

#[test]
fn filters_apply_and_ids_do_not_move() {
    let whole = relationship_ids(&export(FULL, &[]));
    let sliced = relationship_ids(&export(FULL, &["--type", "rivalry"]));
    assert!(!sliced.is_empty() && sliced.len() < whole.len());
    assert!(sliced.iter().all(|id| whole.contains(id)), "{sliced:?}");
    let script = export(FULL, &["--type", "rivalry"]);
    assert!(!script.contains("`ALLEGIANCE`"), "{script}");
}

fn round_trip(name: &str, alias: &str, quote: &str) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("d.yaml"), dataset(name, alias, quote)).expect("write");
    let r = run_in(dir.path(), &["export", "d.yaml", "-f", "cypher"]);
    if must_reject(name)
        || alias.chars().any(unicode_text::forbidden)
        || quote.chars().any(unicode_text::forbidden)
    {
        return Ok(());
    }
    prop_assert_eq!(r.code, 0, "{}", r.stderr);
    let found = literals(&r.stdout);
    prop_assert!(found.iter().any(|l| l == name), "name {:?}", name);
    let aliases = serde_json::to_string(&[alias]).expect("json");
    prop_assert!(found.contains(&aliases), "aliases {:?}", aliases);
    prop_assert!(found.iter().any(|l| l == quote), "quote {:?}", quote);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn hostile_text_survives_cypher(name in text(), alias in text(), quote in text()) {
        round_trip(&name, &alias, &quote)?;
    }
}
