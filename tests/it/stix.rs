//! `export -f stix`, run as a real process: a snapshot of the full fixture, ids that
//! do not depend on unrelated records or filters, and a property test that hostile
//! Unicode comes back exactly from the bundle's JSON.

use proptest::prelude::*;
use serde_json::Value;

use crate::common::{run, run_in};
use crate::unicode_text::{self, dataset, must_reject, text};

const FULL: &str = "tests/fixtures/valid/full";

fn export(path: &str, args: &[&str]) -> Value {
    let mut all = vec!["export", path, "-f", "stix"];
    all.extend(args);
    let r = run(&all);
    assert_eq!(r.code, 0, "{all:?}: {}", r.stderr);
    serde_json::from_str(&r.stdout).expect("JSON bundle")
}

/// The ids of the bundle's objects of type `ty`, by their `x_actorgraph_id`.
fn ids(bundle: &Value, ty: &str) -> Vec<(String, String)> {
    bundle["objects"]
        .as_array()
        .expect("objects")
        .iter()
        .filter(|o| o["type"] == ty)
        .map(|o| {
            let own = o["x_actorgraph_id"].as_str().unwrap_or_default().to_owned();
            (own, o["id"].as_str().expect("id").to_owned())
        })
        .collect()
}

#[test]
fn snapshot_stix() {
    let r = run(&["export", FULL, "-f", "stix"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("stix", r.stdout);
}

#[test]
fn filters_apply_and_ids_do_not_move() {
    let whole = export(FULL, &[]);
    let sliced = export(FULL, &["--type", "rivalry"]);
    let (all, some) = (ids(&whole, "relationship"), ids(&sliced, "relationship"));
    assert!(!some.is_empty() && some.len() < all.len());
    assert!(some.iter().all(|r| all.contains(r)), "{some:?}");
    let actors = ids(&sliced, "threat-actor");
    assert!(
        actors
            .iter()
            .all(|a| ids(&whole, "threat-actor").contains(a))
    );
    assert_ne!(
        whole["id"], sliced["id"],
        "two selections share a bundle id"
    );
}

#[test]
fn disputes_are_disagreeing_opinions_by_the_disputing_source() {
    let bundle = export(FULL, &[]);
    let objects = bundle["objects"].as_array().expect("objects");
    let opinions: Vec<&Value> = objects.iter().filter(|o| o["type"] == "opinion").collect();
    assert!(!opinions.is_empty());
    for o in opinions {
        assert_eq!(o["opinion"], "disagree");
        let author = objects.iter().find(|x| x["id"] == o["created_by_ref"]);
        assert_eq!(author.map(|a| &a["type"]), Some(&Value::from("identity")));
        let target = objects.iter().find(|x| x["id"] == o["object_refs"][0]);
        assert_eq!(
            target.map(|t| &t["type"]),
            Some(&Value::from("relationship"))
        );
    }
}

fn round_trip(name: &str, alias: &str, quote: &str) -> Result<(), TestCaseError> {
    let bad = |s: &str| s.chars().any(unicode_text::forbidden);
    if must_reject(name) || bad(alias) || bad(quote) {
        return Ok(());
    }
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("d.yaml"), dataset(name, alias, quote)).expect("write");
    let r = run_in(dir.path(), &["export", "d.yaml", "-f", "stix"]);
    prop_assert_eq!(r.code, 0, "{}", r.stderr);
    let bundle: Value = serde_json::from_str(&r.stdout).expect("JSON");
    let objects = bundle["objects"].as_array().expect("objects");
    let actor = objects
        .iter()
        .find(|o| o["x_actorgraph_id"] == "a")
        .expect("a");
    prop_assert_eq!(&actor["name"], name);
    prop_assert_eq!(&actor["aliases"][0], alias);
    let rel = objects
        .iter()
        .find(|o| o["type"] == "relationship")
        .expect("edge");
    prop_assert_eq!(&rel["external_references"][0]["description"], quote);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn hostile_text_survives_stix(name in text(), alias in text(), quote in text()) {
        round_trip(&name, &alias, &quote)?;
    }
}
