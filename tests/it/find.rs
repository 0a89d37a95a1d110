//! The `actorgraph find` command and organization names wherever an id is taken, run as
//! a real process on the project's own graph: ranked text and JSON matches, folding of
//! case, spaces and accents, near misses, exit status 1 for no match, and `show` and
//! `--focus` accepting an alias with the same suggestion for an unknown name.

use crate::common;

use common::run;

/// Runs `find QUERY graphs ARGS…`, asserting success.
fn find(query: &str, args: &[&str]) -> String {
    let mut all = vec!["find", query, "graphs"];
    all.extend_from_slice(args);
    let r = run(&all);
    assert_eq!(r.code, 0, "find {query}: {}", r.stderr);
    r.stdout
}

/// The first column (the id) of each line.
fn ids(text: &str) -> Vec<&str> {
    text.lines()
        .map(|l| l.split('\t').next().unwrap_or_default())
        .collect()
}

#[test]
fn snapshot_islamic_in_graphs() {
    insta::assert_snapshot!("find_islamic", find("islamic", &[]));
}

#[test]
fn exact_keys_come_before_substrings_and_ignore_case_spaces_and_accents() {
    // `ETIM` is an alias of the Turkestan Islamic Party; `Tálíbán` folds to `taliban`.
    let etim = find("etim", &[]);
    assert_eq!(ids(&etim).first(), Some(&"tip"), "{etim}");
    assert!(etim.starts_with("tip\tTurkestan Islamic Party (TIP)\torganization\talias: ETIM\n"));
    let taliban = find("  TÁLIBÁN ", &[]);
    assert_eq!(ids(&taliban).first(), Some(&"taliban"), "{taliban}");
    let khorasan = find("state khorasan", &[]);
    assert_eq!(ids(&khorasan), ["is-khorasan"], "{khorasan}");
}

#[test]
fn near_misses_are_found_after_matches() {
    let out = find("talibn", &[]);
    assert_eq!(ids(&out).first(), Some(&"taliban"), "{out}");
}

#[test]
fn sources_are_found_after_organizations() {
    // `tip` through its alias "Eastern Turkistan Islamic Movement".
    let out = find("islamic movement", &[]);
    assert_eq!(ids(&out), ["imu", "tip", "imu-joins-is-2015"], "{out}");
    assert!(
        out.lines()
            .last()
            .is_some_and(|l| l.contains("\tsource\ttitle: "))
    );
}

#[test]
fn json_lists_each_match_with_how_it_matched() {
    let out = find("etim", &["-f", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["format"], "actorgraph-find/1");
    assert_eq!(v["query"], "etim");
    let first = &v["matches"][0];
    assert_eq!(first["id"], "tip");
    assert_eq!(first["kind"], "organization");
    assert_eq!(first["match"], "exact");
    assert_eq!(first["field"], "alias");
    assert_eq!(first["text"], "ETIM");
}

#[test]
fn nothing_found_exits_with_1_and_prints_nothing() {
    for query in ["qqqqzzzz", " - "] {
        let r = run(&["find", query, "graphs"]);
        assert_eq!(
            (r.code, r.stdout.as_str()),
            (1, ""),
            "{query}: {}",
            r.stderr
        );
    }
    let r = run(&["find", "qqqqzzzz", "graphs", "-f", "json"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("\"matches\": []"), "{}", r.stdout);
}

#[test]
fn show_takes_a_name_short_name_or_alias() {
    let by_id = run(&["show", "kib", "graphs"]);
    assert_eq!(by_id.code, 0, "{}", by_id.stderr);
    for name in ["KIB", "Katibat Imam al Bukhari", "katibat imam al-bukhari"] {
        let r = run(&["show", name, "graphs"]);
        assert_eq!(
            (r.code, &r.stdout),
            (0, &by_id.stdout),
            "{name}: {}",
            r.stderr
        );
    }
}

#[test]
fn focus_takes_an_alias() {
    let by_id = run(&["export", "graphs", "--focus", "tip", "-f", "json"]);
    assert_eq!(by_id.code, 0, "{}", by_id.stderr);
    let by_alias = run(&["export", "graphs", "--focus", "ETIM", "-f", "json"]);
    assert_eq!(by_alias.code, 0, "{}", by_alias.stderr);
    assert!(by_id.stdout.contains("\"id\": \"tip\""));
    // The caption quotes the option as typed; everything else is the same slice.
    let strip = |s: &str| s.replace("--focus ETIM", "--focus tip");
    assert_eq!(strip(&by_alias.stdout), by_id.stdout);
}

#[test]
fn an_unknown_focus_gets_the_suggestion_show_gives() {
    let error = "error: unknown organization `ETM`; did you mean `tip`?";
    let show = run(&["show", "ETM", "graphs"]);
    let export = run(&["export", "graphs", "--focus", "ETM", "-f", "json"]);
    for r in [&show, &export] {
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(r.stderr.contains(error), "{}", r.stderr);
        assert_eq!(r.stdout, "");
    }
}

#[test]
fn a_name_two_organizations_share_is_refused_naming_both() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("d.yaml"),
        "organizations:\n  - {id: a, name: Alpha Front, aliases: [The Front]}\n  \
         - {id: b, name: Beta Front, aliases: [the front]}\nsources:\n  - {id: s, title: S}\n\
         edges:\n  - {from: a, to: b, type: rivalry, date: 2001, sources: [s]}\n",
    )
    .expect("write");
    for args in [
        &["show", "The Front", "d.yaml"][..],
        &["export", "d.yaml", "-f", "json", "--focus", "THE FRONT"][..],
    ] {
        let r = common::run_in(dir.path(), args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stdout);
        assert!(
            r.stderr
                .contains("names 2 organizations (`a`, `b`); give one of their ids"),
            "{args:?}: {}",
            r.stderr
        );
    }
    // An id is never ambiguous.
    assert_eq!(common::run_in(dir.path(), &["show", "a", "d.yaml"]).code, 0);
}
