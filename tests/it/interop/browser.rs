//! The HTML export in a real browser: Debian's `chromium`, driven by puppeteer-core
//! through `tests/interop/check_html.mjs` (both installed by `.ci/run`). Pages must load
//! with no console error and no network request, show the same counts as the JSON export
//! for the whole graph and for fragments, open an edge's evidence from `#edge=`, and
//! never run a hostile name.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{command, export, node_dir_with, root};

/// The Chromium binary: `$ACTORGRAPH_CHROMIUM`, else Debian's.
fn chromium() -> PathBuf {
    let path = std::env::var_os("ACTORGRAPH_CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    assert!(
        path.is_file(),
        "{} not found: install Debian's chromium (see .ci/run) or set ACTORGRAPH_CHROMIUM",
        path.display()
    );
    path
}

/// Opens each of `pages` (a file, optionally `#fragment`, after any `--select ID=VALUE`
/// pairs for it) and returns the script's report for each, in order.
fn browse(pages: &[String]) -> Vec<Value> {
    let out = command("node")
        .arg(root().join("tests/interop/check_html.mjs"))
        .arg(chromium())
        .args(pages)
        .env("ACTORGRAPH_NODE_DIR", node_dir_with("puppeteer-core"))
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "check_html.mjs failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reports: Vec<Value> = String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON report per line"))
        .collect();
    let options = pages.iter().filter(|p| *p == "--select").count();
    assert_eq!(reports.len(), pages.len() - 2 * options);
    reports
}

fn html(dir: &Path, dataset: &str, name: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, export(dataset, &["-f", "html"])).expect("write page");
    path.to_str().expect("UTF-8 path").to_owned()
}

/// `N organizations · M relations` for a JSON export with `args`.
fn status_of(dataset: &str, args: &[&str]) -> String {
    let mut all = vec!["-f", "json"];
    all.extend(args);
    let json: Value = serde_json::from_slice(&export(dataset, &all)).expect("JSON");
    let len = |key: &str| json[key].as_array().expect(key).len();
    format!(
        "{} organizations · {} relations",
        len("organizations"),
        len("edges")
    )
}

/// Clean: nothing logged, thrown, fetched or executed.
fn assert_clean(report: &Value) {
    let page = &report["page"];
    for key in ["consoleErrors", "pageErrors", "requests", "dialogs"] {
        assert_eq!(report[key], serde_json::json!([]), "{page}: {key}");
    }
    assert_eq!(report["pwned"], Value::Null, "{page}: a hostile name ran");
    assert_eq!(report["scripts"], 3, "{page}: script elements");
    assert_eq!(report["foreign"], 0, "{page}: elements made from data");
}

/// 2,000 organizations and 20,000 dated, cited edges (several between the same pair).
fn large_dataset(dir: &Path) -> String {
    let mut y = String::from(
        "sources:\n  - id: s\n    title: A source\n    url: https://example.org/\norganizations:\n",
    );
    for i in 0..2000 {
        writeln!(y, "  - id: org-{i}\n    name: Organization {i}").expect("write");
    }
    y.push_str("edges:\n");
    let types = ["allegiance", "rivalry", "splinter", "hosting"];
    let mut state: u64 = 1;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    };
    for i in 0..20_000 {
        let from = next() % 2000;
        let to = (from + 1 + next() % 1999) % 2000;
        let start = 1980 + next() % 40;
        write!(
            y,
            "  - from: org-{from}\n    to: org-{to}\n    type: {}\n    start: {start}\n    end: {}\n    sources:\n      - ref: s\n        quote: quote {i}\n",
            types[i % 4],
            start + next() % 10
        )
        .expect("write");
        if i % 50 == 0 {
            y.push_str("    disputed_by: [s]\n");
        }
    }
    let path = dir.join("large.yaml");
    std::fs::write(&path, y).expect("write dataset");
    path.to_str().expect("UTF-8 path").to_owned()
}

#[test]
#[ignore = "needs chromium and puppeteer-core (run by .ci/run with --ignored)"]
fn pages_load_offline_and_count_like_the_json_export() {
    let dir = tempfile::tempdir().expect("temp dir");
    let graphs = html(dir.path(), "graphs", "graphs.html");
    let large_data = large_dataset(dir.path());
    let large = html(dir.path(), &large_data, "large.html");
    let edge = "imu-pledges-al-qaeda";
    // The large dataset's edges have no `id`: `#edge=` takes the id the exports make.
    let large_json: Value =
        serde_json::from_slice(&export(&large_data, &["-f", "json"])).expect("JSON");
    let unnamed = &large_json["edges"][7];
    let unnamed_id = unnamed["id"].as_str().expect("a made id");
    assert!(unnamed_id.starts_with("E:org-"), "{unnamed_id}");
    let reports = browse(&[
        graphs.clone(),
        format!("{graphs}#as-of=2001"),
        format!("{graphs}#focus=imu&depth=1"),
        format!("{graphs}#edge={edge}"),
        format!("{graphs}#org=no-such-org&focus=nope"),
        large.clone(),
        format!("{large}#edge={}", unnamed_id.replace(':', "%3A")),
    ]);
    for r in &reports {
        assert_clean(r);
    }
    assert_eq!(reports[0]["status"], status_of("graphs", &[]));
    assert_eq!(
        reports[0]["listed"], 13,
        "every organization in the side list"
    );
    assert_eq!(
        reports[1]["status"],
        status_of("graphs", &["--as-of", "2001"])
    );
    assert_eq!(
        reports[2]["status"],
        status_of("graphs", &["--focus", "imu", "--depth", "1"])
    );
    let json: Value = serde_json::from_slice(&export("graphs", &["-f", "json"])).expect("JSON");
    let pledge = json["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .find(|e| e["id"] == edge)
        .expect("the edge");
    let panel = squash(reports[3]["panel"].as_str().expect("panel"));
    for list in ["sources", "disputed_by"] {
        for c in pledge[list].as_array().expect(list) {
            let quote = squash(c["quote"].as_str().expect("quote"));
            assert!(panel.contains(&quote), "{edge}: `{quote}` not in the panel");
        }
    }
    assert!(panel.contains("Disputed"), "{panel}");
    let message = reports[4]["message"].as_str().expect("message");
    assert!(
        message.contains("no-such-org") && message.contains("nope"),
        "{message}"
    );
    assert_eq!(reports[4]["status"], status_of("graphs", &[]));
    assert_eq!(reports[5]["status"], status_of(&large_data, &[]));
    let panel = reports[6]["panel"].as_str().expect("panel");
    let quote = unnamed["sources"][0]["quote"].as_str().expect("quote");
    assert!(
        panel.contains(quote),
        "{unnamed_id}: `{quote}` not in {panel}"
    );
    assert_eq!(
        reports[6]["fragment"],
        format!("#edge={}", unnamed_id.replace(':', "%3A"))
    );
    // A big network shows a preview first, which the interactive drawing replaces.
    let (first, ready) = (&reports[5]["firstFrameMs"], &reports[5]["readyMs"]);
    assert!(first.as_f64() <= ready.as_f64(), "{first} > {ready}");
    assert_eq!(reports[5]["preview"], false, "the preview is replaced");
    assert_eq!(
        reports[0]["firstFrameMs"], reports[0]["readyMs"],
        "no preview"
    );
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
#[ignore = "needs chromium and puppeteer-core (run by .ci/run with --ignored)"]
fn hostile_names_show_as_text_and_run_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = html(dir.path(), "tests/fixtures/hostile-names", "hostile.html");
    let reports = browse(&[
        page.clone(),
        format!("{page}#org=script-end"),
        format!("{page}#edge=script-end-whispers-to-img"),
        format!("{page}#org=img-onerror&as-of=2002"),
    ]);
    for r in &reports {
        assert_clean(r);
    }
    let list = reports[0]["listText"].as_str().expect("list");
    assert!(list.contains("</script><script>window.__pwned='script'</script>"));
    assert!(list.contains("<img src=x onerror=\"window.__pwned='img'\">"));
    let org = reports[1]["panel"].as_str().expect("panel");
    assert!(org.contains("{{constructor.constructor('window.__pwned=1')()}}"));
    assert!(org.contains("<iframe src=\"javascript:window.top.__pwned='iframe'\"></iframe>"));
    let edge = reports[2]["panel"].as_str().expect("panel");
    assert!(edge.contains("</script><img src=x onerror=\"window.__pwned='quote'\">"));
    // The one http(s) URL is the one link; the `javascript:` title stays text.
    assert_eq!(
        reports[2]["links"],
        serde_json::json!([
            "https://example.org/?q='onmouseover='window.__pwned=1'&x={{1}}#javascript:x"
        ])
    );
}

/// The evidence panel shows each citation's grades with their meaning; an ungraded
/// dataset's panel shows none.
#[test]
#[ignore = "needs chromium and puppeteer-core (run by .ci/run with --ignored)"]
fn the_evidence_panel_shows_the_grades() {
    let dir = tempfile::tempdir().expect("temp dir");
    let full = html(dir.path(), "tests/fixtures/valid/full", "full.html");
    let graphs = html(dir.path(), "graphs", "graphs.html");
    let reports = browse(&[
        format!("{full}#edge=beta-splits-from-alpha"),
        format!("{full}#edge=delta-hosts-gamma"),
        format!("{graphs}#edge=imu-pledges-al-qaeda"),
    ]);
    for r in &reports {
        assert_clean(r);
    }
    let splinter = squash(reports[0]["panel"].as_str().expect("panel"));
    for grade in [
        "Graded B4: source B (usually reliable), information 4 (doubtful)",
        "Graded F1: source F (reliability cannot be judged), information 1 (confirmed by other sources)",
    ] {
        assert!(splinter.contains(grade), "`{grade}` not in {splinter}");
    }
    let hosting = squash(reports[1]["panel"].as_str().expect("panel"));
    assert!(
        hosting.contains("Graded C2: source C (fairly reliable), information 2 (probably true)"),
        "{hosting}"
    );
    let plain = reports[2]["panel"].as_str().expect("panel");
    assert!(!plain.contains("Graded"), "{plain}");
}

/// The ids of the relations a JSON export with `args` keeps, sorted.
fn edge_ids(dataset: &str, args: &[&str]) -> Vec<String> {
    let mut all = vec!["-f", "json"];
    all.extend(args);
    let json: Value = serde_json::from_slice(&export(dataset, &all)).expect("JSON");
    let mut ids: Vec<String> = json["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["id"].as_str().expect("id").to_owned())
        .collect();
    ids.sort();
    ids
}

/// The ids of the relations a page draws, sorted.
fn shown(report: &Value) -> Vec<String> {
    let mut ids: Vec<String> = report["shownEdges"]
        .as_array()
        .expect("shownEdges")
        .iter()
        .map(|e| e.as_str().expect("id").to_owned())
        .collect();
    ids.sort();
    ids
}

/// Choosing a minimum reliability and credibility in the page hides exactly the
/// relations `--min-reliability` and `--min-credibility` leave out of the JSON export
/// (one citation must meet both), counts as it does, and goes into the link, which
/// reopens the same view. An ungraded dataset's page has no such controls.
#[test]
#[ignore = "needs chromium and puppeteer-core (run by .ci/run with --ignored)"]
fn grade_minimums_hide_what_the_command_line_filters_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let full_data = "tests/fixtures/valid/full";
    let full = html(dir.path(), full_data, "full.html");
    let graphs = html(dir.path(), "graphs", "graphs.html");
    let combos = [("B", ""), ("", "3"), ("C", "2"), ("B", "3")];
    let settings = |r: &str, c: &str| -> Vec<(&'static str, String)> {
        [("min-reliability", r), ("min-credibility", c)]
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k, v.to_owned()))
            .collect()
    };
    let mut pages = Vec::new();
    for (r, c) in combos {
        for (key, value) in settings(r, c) {
            pages.push("--select".to_owned());
            pages.push(format!("{key}={value}"));
        }
        pages.push(full.clone());
    }
    let links: Vec<String> = combos
        .iter()
        .map(|(r, c)| {
            let parts: Vec<String> = settings(r, c)
                .into_iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            format!("#{}", parts.join("&"))
        })
        .collect();
    pages.extend(links.iter().map(|l| format!("{full}{l}")));
    pages.extend([
        full.clone(),
        graphs.clone(),
        format!("{graphs}#min-reliability=B"),
    ]);
    let reports = browse(&pages);
    for r in &reports {
        assert_clean(r);
    }
    let n = combos.len();
    let mut expected = Vec::new();
    for (k, (r, c)) in combos.iter().enumerate() {
        let mut args = Vec::new();
        for (key, value) in settings(r, c) {
            args.push(format!("--{key}"));
            args.push(value);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let want = edge_ids(full_data, &args);
        let status = status_of(full_data, &args);
        for (report, how) in [(&reports[k], "chosen"), (&reports[n + k], "linked")] {
            assert_eq!(shown(report), want, "{how} {args:?}");
            assert_eq!(report["status"], status, "{how} {args:?}");
            assert_eq!(report["fragment"], links[k], "{how} {args:?}");
        }
        expected.push(want);
    }
    // The fixture makes each case count: each minimum alone hides some relations, and
    // together they hide one that passes each alone on a different citation.
    let all = edge_ids(full_data, &[]);
    assert_eq!(shown(&reports[2 * n]), all);
    assert_eq!(reports[2 * n]["gradeControls"], 2);
    assert!(expected[0].len() < all.len() && expected[1].len() < all.len());
    let both: Vec<&String> = expected[0]
        .iter()
        .filter(|id| expected[1].contains(id))
        .collect();
    assert!(
        expected[3].len() < both.len(),
        "{:?} vs {both:?}",
        expected[3]
    );
    // No grades, no controls; a grade in a link is then not understood.
    assert_eq!(reports[2 * n + 1]["gradeControls"], 0);
    assert_eq!(reports[2 * n + 1]["status"], status_of("graphs", &[]));
    let message = reports[2 * n + 2]["message"].as_str().expect("message");
    assert!(message.contains("min-reliability"), "{message}");
    assert_eq!(reports[2 * n + 2]["status"], status_of("graphs", &[]));
}
