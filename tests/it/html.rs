//! `actorgraph export -f html`, run as a real process: the page skeleton and embedded data
//! (snapshot), that nothing from a hostile dataset can leave the data block, that the
//! time control's precomputed slices are exactly what `--as-of YEAR` exports for every
//! year, that filters cut what is embedded, and the committed screenshot's freshness.
//! The page itself runs in Chromium in `tests/it/interop.rs`.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::common;

use common::run;

const FULL: &str = "tests/fixtures/valid/full";
const HOSTILE: &str = "tests/fixtures/hostile-names";
const OPEN: &str = "<script type=\"application/json\" id=\"actorgraph-data\">";

fn export(path: &str, args: &[&str]) -> String {
    let mut all = vec!["export", path];
    all.extend(args);
    let r = run(&all);
    assert_eq!(r.code, 0, "{all:?}: {}", r.stderr);
    r.stdout
}

/// The raw text of the page's data block.
fn data_block(page: &str) -> &str {
    let start = page.find(OPEN).expect("data block") + OPEN.len();
    let len = page[start..].find("</script>").expect("end of data block");
    &page[start..start + len]
}

fn data(page: &str) -> Value {
    serde_json::from_str(data_block(page)).expect("the data block is JSON")
}

fn json_export(path: &str, args: &[&str]) -> Value {
    let mut all = vec!["-f", "json"];
    all.extend(args);
    serde_json::from_str(&export(path, &all)).expect("JSON export")
}

/// The page with the inlined script and style files replaced by their names, and the
/// data block pretty-printed after it.
fn skeleton(page: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/export/html");
    let mut out = page.to_owned();
    for file in ["vendor/cytoscape-3.35.0.min.js", "app.js", "style.css"] {
        let mut text = fs::read_to_string(dir.join(file)).expect(file);
        if file == "app.js" {
            text = script_for(
                &text,
                page.contains("\"reliability\":") || page.contains("\"credibility\":"),
            );
        }
        assert_eq!(out.matches(&text).count(), 1, "{file} inlined once");
        out = out.replace(&text, &format!("[{file}]"));
    }
    let block = data_block(page);
    let pretty = serde_json::to_string_pretty(&data(page)).expect("pretty");
    out.replace(block, "[data, below]") + "\n-- data --\n" + &pretty
}

/// `app.js` as a page inlines it: the `//#graded` … `//#end` blocks (the grade filter)
/// kept, without their marker lines, for a graded dataset, left out otherwise.
fn script_for(app: &str, graded: bool) -> String {
    let mut inside = false;
    let mut out = String::new();
    for line in app.split_inclusive('\n') {
        match line.trim() {
            "//#graded" => inside = true,
            "//#end" => inside = false,
            _ if graded || !inside => out.push_str(line),
            _ => {}
        }
    }
    out
}

#[test]
fn snapshot_html() {
    insta::assert_snapshot!("html", skeleton(&export(FULL, &["-f", "html"])));
}

#[test]
fn hostile_strings_stay_inside_the_data_block() {
    let page = export(HOSTILE, &["-f", "html"]);
    let block = data_block(&page);
    for c in ['<', '>', '&', '\u{2028}', '\u{2029}'] {
        assert!(!block.contains(c), "{c:?} in the data block");
    }
    // Our three script elements, and not one more opened or closed anywhere.
    assert_eq!(page.matches("<script").count(), 3);
    assert_eq!(page.to_ascii_lowercase().matches("</script").count(), 3);
    // The values survive the escaping exactly.
    let d = data(&page);
    let names: Vec<&str> = d["orgs"]
        .as_array()
        .expect("orgs")
        .iter()
        .map(|o| o["name"].as_str().expect("name"))
        .collect();
    assert!(names.contains(&"</script><script>window.__pwned='script'</script>"));
    assert!(names.contains(&"line\u{2028}separator and paragraph\u{2029}separator"));
}

#[test]
fn a_javascript_url_is_refused_before_any_page_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("page.html");
    let r = run(&[
        "export",
        "tests/fixtures/invalid/invalid-url--javascript.yaml",
        "-f",
        "html",
        "-o",
        target.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("invalid-url"), "{}", r.stderr);
    assert!(!target.exists(), "no page for an invalid dataset");
}

#[test]
fn the_page_loads_nothing_from_elsewhere() {
    // The vendored library can load images a style asks for; no style here asks.
    let page = export("graphs", &["-f", "html"]);
    let lower = skeleton(&page).to_ascii_lowercase();
    for needle in ["<link", "<iframe", "<img", " src=", "@import", "url("] {
        assert!(!lower.contains(needle), "{needle} in the page");
    }
    assert!(
        lower.contains("default-src 'none'"),
        "a CSP that forbids loading"
    );
}

/// Which slice of the page's timeline holds `year`.
fn slice(years: &[u64], year: u64) -> u64 {
    years.iter().rposition(|&y| y <= year).unwrap_or(0) as u64
}

/// The organizations and edges (with their possibly-active flag) the page shows for
/// `year`, decoded from the change lists, as ids.
fn page_slice(d: &Value, year: u64) -> (BTreeSet<String>, BTreeSet<(String, bool)>) {
    let years: Vec<u64> = d["time"]["years"]
        .as_array()
        .expect("years")
        .iter()
        .map(|y| y.as_u64().expect("year"))
        .collect();
    let at = slice(&years, year);
    let orgs = d["orgs"].as_array().expect("orgs");
    let alive = |o: &Value| {
        let t = o["t"].as_array().expect("t");
        t.iter()
            .filter(|i| i.as_u64().expect("index") <= at)
            .count()
            % 2
            == 1
    };
    let org_ids = orgs
        .iter()
        .filter(|o| alive(o))
        .map(|o| o["id"].as_str().expect("id").to_owned())
        .collect();
    let mut edges = BTreeSet::new();
    for e in d["edges"].as_array().expect("edges") {
        let t: Vec<u64> = e["t"]
            .as_array()
            .expect("t")
            .iter()
            .map(|v| v.as_u64().expect("number"))
            .collect();
        let state = t
            .chunks(2)
            .take_while(|p| p[0] <= at)
            .last()
            .map_or(0, |p| p[1]);
        if state > 0 {
            edges.insert((edge_key(d, e), state == 2));
        }
    }
    (org_ids, edges)
}

fn edge_key(d: &Value, e: &Value) -> String {
    let org = |i: &Value| d["orgs"][i.as_u64().expect("index") as usize]["id"].clone();
    let ty = &d["types"][e["type"].as_u64().expect("type") as usize]["name"];
    format!(
        "{} {} {} {} {}",
        org(&e["from"]),
        org(&e["to"]),
        ty,
        e["id"],
        e["when"]
    )
}

fn json_slice(path: &str, year: u64) -> (BTreeSet<String>, BTreeSet<(String, bool)>) {
    let j = json_export(path, &["--as-of", &format!("{year:04}")]);
    let orgs = j["organizations"]
        .as_array()
        .expect("organizations")
        .iter()
        .map(|o| o["id"].as_str().expect("id").to_owned())
        .collect();
    // Keys as the page writes them: the page's own data for the same edge.
    let whole = data(&export(path, &["-f", "html"]));
    let by_fields: Vec<(String, String)> = whole["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            let org = |i: &Value| whole["orgs"][i.as_u64().expect("index") as usize]["id"].clone();
            let ty = &whole["types"][e["type"].as_u64().expect("type") as usize]["name"];
            (
                format!("{} {} {} {}", org(&e["from"]), org(&e["to"]), ty, e["id"]),
                edge_key(&whole, e),
            )
        })
        .collect();
    let edges = j["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            let fields = format!("{} {} {} {}", e["from"], e["to"], e["relation"], e["id"]);
            let key = by_fields
                .iter()
                .find(|(f, _)| *f == fields)
                .unwrap_or_else(|| panic!("{fields} not in the page"))
                .1
                .clone();
            (key, e["possibly_active"].as_bool().expect("flag"))
        })
        .collect();
    (orgs, edges)
}

/// For every year from before the first date to after the last, the page's slice is
/// exactly the JSON export's `--as-of YEAR`.
#[test]
fn every_year_of_the_time_control_is_the_as_of_export() {
    for path in ["graphs", FULL] {
        let d = data(&export(path, &["-f", "html"]));
        let first = d["time"]["first"].as_u64().expect("first");
        let last = d["time"]["last"].as_u64().expect("last");
        for year in first - 2..=last + 2 {
            assert_eq!(
                page_slice(&d, year),
                json_slice(path, year),
                "{path} as of {year}"
            );
        }
    }
}

#[test]
fn export_filters_cut_what_is_embedded() {
    for args in [
        &["--focus", "imu", "--depth", "1"][..],
        &["--as-of", "2001"],
        &["--type", "allegiance,rivalry", "--exclude-disputed"],
    ] {
        let mut html = vec!["-f", "html"];
        html.extend(args);
        let d = data(&export("graphs", &html));
        let j = json_export("graphs", args);
        let count = |v: &Value, key: &str| v[key].as_array().expect(key).len();
        assert_eq!(count(&d, "orgs"), count(&j, "organizations"), "{args:?}");
        assert_eq!(count(&d, "edges"), count(&j, "edges"), "{args:?}");
    }
}

#[test]
fn the_disputed_edge_and_its_evidence_are_embedded() {
    let d = data(&export("graphs", &["-f", "html"]));
    let edge = d["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .find(|e| e["id"] == "imu-pledges-al-qaeda")
        .expect("the IMU pledge");
    assert!(!edge["disputed_by"].as_array().expect("disputed").is_empty());
    let j = json_export("graphs", &[]);
    let original = j["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .find(|e| e["id"] == "imu-pledges-al-qaeda")
        .expect("in JSON");
    let quotes = |v: &Value, key: &str| -> Vec<Value> {
        v[key]
            .as_array()
            .expect(key)
            .iter()
            .map(|c| c["quote"].clone())
            .collect()
    };
    assert_eq!(quotes(edge, "sources"), quotes(original, "sources"));
    assert_eq!(quotes(edge, "disputed_by"), quotes(original, "disputed_by"));
}

/// FNV-1a, 64 bits, as `tests/interop/check_html.mjs --hash` computes it.
fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// `docs/central-asia.png` records the hash of the page it was taken of; a change to the
/// dataset or to the page makes it stale.
#[test]
fn the_screenshot_is_of_the_current_page() {
    let page = export("graphs", &["-f", "html"]);
    let recorded =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/central-asia.png.fnv"))
            .expect("docs/central-asia.png.fnv");
    assert_eq!(
        recorded.trim(),
        format!("{:016x}", fnv1a64(page.as_bytes())),
        "docs/central-asia.png is stale; regenerate it with the command in docs/exports.md (HTML)"
    );
}

/// The grade filter's controls and code are in a graded dataset's page only: an
/// ungraded dataset's page is the page it was before grades existed (the screenshot's
/// hash above pins the bundled dataset's page byte for byte).
#[test]
fn only_a_graded_dataset_gets_the_grade_filter() {
    let graded = export(FULL, &["-f", "html"]);
    assert!(graded.contains("min-reliability") && graded.contains("min-credibility"));
    for ungraded in ["graphs", HOSTILE] {
        let page = export(ungraded, &["-f", "html"]);
        assert!(!page.contains("min-reliability"), "{ungraded}");
        assert!(!page.contains("gradesMet"), "{ungraded}");
    }
}
