//! Exports of slices and their details (issue 20, "Exports and filters"): disputing
//! sources named once, open and reversed `--between` spans, edge ids that a slice does
//! not renumber, DOT tabs and ASCII intervals, captions naming the filters, and the diff
//! diagram's change markers.

use std::path::Path;

use crate::common::{Run, run_in};

const DATASET: &str = "
organizations:
  - {id: a, name: \"Al\tpha\"}
  - {id: b, name: Bravo}
  - {id: c, name: Charlie}
sources:
  - {id: s1, title: One}
  - {id: s2, title: Two}
edges:
  - {from: a, to: b, type: allegiance, date: 2001, sources: [s1]}
  - {from: b, to: c, type: rivalry, start: 2003, end: 2004~, sources: [s1]}
  - {from: c, to: a, type: hosting, start: 2002, sources: [s1],
     disputed_by: [{ref: s2, quote: first doubt}, {ref: s2, quote: second doubt}]}
  - {from: a, to: c, type: rivalry, end: 2016, sources: [s2]}
  - {id: own-id, from: b, to: a, type: hosting, sources: [s2]}
";

fn export(args: &[&str]) -> Run {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("data.yaml"), DATASET).expect("write");
    let mut all = vec!["export", "data.yaml"];
    all.extend_from_slice(args);
    let r = run_in(dir.path(), &all);
    assert!(
        r.code == 0 || args.contains(&"--between"),
        "{args:?}: {}",
        r.stderr
    );
    r
}

/// The `id="…"` values of `<edge` elements, in order.
fn xml_edge_ids(xml: &str) -> Vec<String> {
    xml.lines()
        .filter_map(|l| l.trim_start().strip_prefix("<edge id=\""))
        .map(|rest| rest[..rest.find('"').expect("closing quote")].to_owned())
        .collect()
}

fn json_edge_ids(json: &str) -> Vec<String> {
    let doc: serde_json::Value = serde_json::from_str(json).expect("JSON");
    doc["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["id"].as_str().expect("every edge has an id").to_owned())
        .collect()
}

#[test]
fn a_source_disputing_twice_is_named_once_and_its_quotes_travel() {
    let dot = export(&["-f", "dot"]).stdout;
    assert!(dot.contains("disputed by: s2\""), "{dot}");
    assert!(!dot.contains("s2, s2"), "{dot}");
    let graphml = export(&["-f", "graphml"]).stdout;
    assert!(graphml.contains(r#"<key id="e_disputed_by_quotes" for="edge" attr.name="disputed_by_quotes" attr.type="string"/>"#));
    assert!(
        graphml.contains(r#"<data key="e_disputed_by">[&quot;s2&quot;]</data>"#),
        "{graphml}"
    );
    assert!(graphml.contains(
        r#"<data key="e_disputed_by_quotes">[&quot;first doubt&quot;,&quot;second doubt&quot;]</data>"#
    ));
    let gexf = export(&["-f", "gexf"]).stdout;
    assert!(gexf.contains(
        r#"<attribute id="disputed_by_quotes" title="disputed_by_quotes" type="string"/>"#
    ));
    assert!(
        gexf.contains(r#"for="disputed_by" value="[&quot;s2&quot;]""#),
        "{gexf}"
    );
    assert!(
        gexf.contains(
            r#"for="disputed_by_quotes" value="[&quot;first doubt&quot;,&quot;second doubt&quot;]""#
        ),
        "{gexf}"
    );
    // JSON keeps both citations: they are two pieces of evidence, not a list of sources.
    let json: serde_json::Value =
        serde_json::from_str(&export(&["-f", "json"]).stdout).expect("JSON");
    let disputed = json["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .find(|e| e["disputed"] == true)
        .expect("the disputed edge");
    assert_eq!(disputed["disputed_by"].as_array().map(Vec::len), Some(2));
}

#[test]
fn a_reversed_span_is_refused() {
    let r = export(&["-f", "json", "--between", "2018..2016"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("ends before it starts"), "{}", r.stderr);
    let r = export(&["-f", "json", "--between", ".."]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    // Overlapping partial dates are not reversed: some day of 2016 follows 2016-03.
    assert_eq!(
        export(&["-f", "json", "--between", "2016-03..2016"]).code,
        0
    );
}

#[test]
fn open_spans_work_like_closed_ones() {
    let ids = |span: &str| json_edge_ids(&export(&["-f", "json", "--between", span]).stdout);
    // From 2005 on: the rivalry that ended in 2004~ is gone, the pledge of 2001 holds on.
    assert_eq!(
        ids("2005.."),
        [
            "E:a:allegiance:b:2001",
            "E:a:rivalry:c:..2016",
            "own-id",
            "E:c:hosting:a:2002.."
        ]
    );
    assert_eq!(ids("2005.."), ids("2005..9999"));
    // Up to 2001: the hosting from 2002 and the rivalry from 2003 are not yet.
    assert_eq!(
        ids("..2001"),
        ["E:a:allegiance:b:2001", "E:a:rivalry:c:..2016", "own-id"]
    );
    assert_eq!(ids("..2001"), ids("0000..2001"));
}

#[test]
fn edge_ids_do_not_depend_on_the_slice() {
    let full = export(&["-f", "gexf"]).stdout;
    let slice = export(&["-f", "gexf", "--as-of", "2001"]).stdout;
    let (full, slice) = (xml_edge_ids(&full), xml_edge_ids(&slice));
    assert_eq!(
        full,
        [
            "E:a:allegiance:b:2001",
            "E:a:rivalry:c:..2016",
            "own-id",
            "E:b:rivalry:c:2003..2004_a",
            "E:c:hosting:a:2002.."
        ]
    );
    assert!(slice.len() < full.len() && !slice.is_empty());
    assert!(slice.iter().all(|id| full.contains(id)), "{slice:?}");
    let graphml = xml_edge_ids(&export(&["-f", "graphml", "--type", "rivalry"]).stdout);
    assert_eq!(
        graphml,
        ["E:a:rivalry:c:..2016", "E:b:rivalry:c:2003..2004_a"]
    );
    // JSON and the HTML page use the same ids, so `#edge=` can name any edge.
    assert_eq!(json_edge_ids(&export(&["-f", "json"]).stdout), full);
    let html = export(&["-f", "html", "--type", "rivalry"]).stdout;
    assert!(html.contains(r#""id":"E:b:rivalry:c:2003..2004_a""#));
}

#[test]
fn dot_keeps_tabs_and_writes_ascii_intervals() {
    let dot = export(&["-f", "dot"]).stdout;
    assert!(dot.contains("label=\"Al\tpha\""), "{dot}");
    assert!(!dot.contains('\u{fffd}'), "{dot}");
    assert!(dot.contains("rival of\\n2003..2004~\""), "{dot}");
    assert!(dot.contains("\\n..2016\""), "{dot}");
    // Labels are laid out by Graphviz: ASCII separators only (tooltips are not laid out).
    let labels: Vec<&str> = dot
        .lines()
        .filter_map(|l| l.split_once("label=\"").map(|(_, rest)| rest))
        .map(|rest| &rest[..rest.find('"').expect("closing quote")])
        .collect();
    assert_eq!(labels.len(), 8, "{dot}");
    assert!(labels.iter().all(|l| !l.contains('\u{2013}')), "{labels:?}");
}

#[test]
fn filtered_exports_name_their_filters() {
    let filters = ["--as-of", "2003", "--type", "rivalry,allegiance"];
    let caption = "Filters: --as-of 2003 --type rivalry,allegiance";
    let with = |format: &str| {
        let mut args = vec!["-f", format];
        args.extend_from_slice(&filters);
        export(&args).stdout
    };
    let dot = with("dot");
    assert!(
        dot.ends_with(&format!(
            "  label=\"{caption}\"; labelloc=t; labeljust=l;\n}}\n"
        )),
        "{dot}"
    );
    let graphml = with("graphml");
    assert!(graphml.contains(
        r#"<key id="g_description" for="graph" attr.name="description" attr.type="string"/>"#
    ));
    assert!(graphml.contains(&format!(
        "<graph id=\"actorgraph\" edgedefault=\"directed\">\n    <data key=\"g_description\">{caption}</data>\n"
    )));
    assert!(with("gexf").contains(&format!("<description>{caption}</description>")));
    assert!(
        with("mermaid").starts_with(&format!("---\ntitle: \"{caption}\"\n---\nflowchart LR\n"))
    );
    let html = with("html");
    assert!(html.contains(&format!("<title>actorgraph network ({caption})</title>")));
    assert!(html.contains(&format!(
        "<h1>actorgraph <small class=\"caption\">{caption}</small></h1>"
    )));
    // The same filters in another order give the same caption.
    let reordered = export(&[
        "-f",
        "gexf",
        "--type",
        "rivalry,allegiance",
        "--as-of",
        "2003",
    ]);
    assert_eq!(reordered.stdout, with("gexf"));
    // Unfiltered exports have none.
    for format in ["dot", "graphml", "gexf", "mermaid", "html"] {
        let out = export(&["-f", format]).stdout;
        assert!(!out.contains("Filters:"), "{format}");
    }
    assert!(
        export(&["-f", "html"])
            .stdout
            .contains("<title>actorgraph network</title>")
    );
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::create_dir_all(dir.join(name)).expect("mkdir");
    std::fs::write(dir.join(name).join("data.yaml"), text).expect("write");
}

#[test]
fn the_diff_diagram_marks_changes_apart_from_relation_colours() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = "
organizations:
  - {id: a, name: Alpha}
  - {id: b, name: Bravo}
sources:
  - {id: s1, title: One}
edges:
";
    let rivalry = "  - {from: a, to: b, type: rivalry, start: 2003, sources: [s1]}\n";
    let hosting = "  - {from: a, to: b, type: hosting, start: 2005, sources: [s1]}\n";
    write(dir.path(), "old", &format!("{base}{rivalry}{hosting}"));
    write(dir.path(), "new", &format!("{base}{hosting}"));
    let r = run_in(dir.path(), &["diff", "old", "new"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The removed rivalry keeps the rivalry's red and says `−`; the unchanged hosting
    // edge is drawn thin in its own green, without a marker.
    assert!(
        r.stdout
            .contains("n0 ---|\"\u{2212} rival of<br>2003..\"| n1"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("n0 -->|\"hosts<br>2005..\"| n1"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("linkStyle 0 stroke:#e31a1c,color:#e31a1c,stroke-width:4px")
    );
    assert!(
        r.stdout
            .contains("linkStyle 1 stroke:#33a02c,color:#33a02c\n")
    );
    assert!(!r.stdout.contains("stroke:#cf222e"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("`+` added, `\u{2212}` removed, `~` changed")
    );
}
