//! Checks shared by the fuzz targets: every export of a dataset must be accepted by a
//! strict reader of its format, and say what the dataset says.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::OnceLock;

use actorgraph::export::cypher::Dialect;
use actorgraph::export::{self, ClusterBy, Format, Options};
use actorgraph::model::Dataset;

#[path = "../../../tests/it/dot_syntax/mod.rs"]
pub mod dot_syntax;

/// A scratch file in a temporary directory that lives as long as the process, in memory
/// when the system has `/dev/shm` (rewriting a file on disk costs more than a run).
pub fn scratch_file(name: &str) -> PathBuf {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        tempfile::tempdir_in("/dev/shm")
            .or_else(|_| tempfile::tempdir())
            .expect("temp dir")
    })
    .path()
    .join(name)
}

/// Writes `bytes` to the scratch file `name` and returns its path.
pub fn write_scratch(name: &str, bytes: &[u8]) -> PathBuf {
    let path = scratch_file(name);
    let mut file = std::fs::File::create(&path).expect("create scratch file");
    file.write_all(bytes).expect("write scratch file");
    path
}

/// Every combination of export options worth trying.
pub fn option_sets() -> Vec<Options> {
    let mut all = Vec::new();
    for legend in [false, true] {
        for cluster_by in [None, Some(ClusterBy::Region), Some(ClusterBy::Kind)] {
            for per_edge_direction in [false, true] {
                // Only Cypher reads the dialect: taking each in turn covers them all
                // without tripling the sets.
                let dialect = Dialect::ALL[all.len() % Dialect::ALL.len()];
                all.push(Options {
                    legend,
                    cluster_by,
                    per_edge_direction,
                    dialect,
                });
            }
        }
    }
    all
}

/// Exports `dataset` in every format with `options` and checks each output. `names`
/// maps organization ids to the names the input gave them, when known.
pub fn check_exports(
    dataset: &Dataset,
    options: &Options,
    names: Option<&BTreeMap<String, String>>,
) {
    for format in Format::ALL {
        let mut out = Vec::new();
        export::write(*format, dataset, options, &mut out).expect("export to memory");
        let mut again = Vec::new();
        export::write(*format, dataset, options, &mut again).expect("export to memory");
        assert!(out == again, "{format:?} is not deterministic");
        let text = std::str::from_utf8(&out).expect("exports are UTF-8");
        match format.name() {
            "dot" => check_dot(dataset, text),
            "graphml" => check_graphml(dataset, text, names),
            "gexf" => {
                check_xml(text);
            }
            "json" => check_json(dataset, text, names),
            _ => {}
        }
    }
}

fn check_dot(dataset: &Dataset, text: &str) {
    let dot = dot_syntax::parse(text).unwrap_or_else(|e| panic!("DOT rejected ({e}):\n{text}"));
    let ids: Vec<&str> = dot.nodes.iter().map(|n| n.id.as_str()).collect();
    let mut want: Vec<&str> = dataset
        .organizations
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    let mut got = ids.clone();
    want.sort_unstable();
    got.sort_unstable();
    assert_eq!(got, want, "DOT nodes are not the organizations");
    let real_edges = dot
        .edges
        .iter()
        .filter(|e| !e.from.starts_with("_legend_"))
        .count();
    assert_eq!(real_edges, dataset.edges.len(), "DOT edges");
}

fn check_xml(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("XML rejected ({e}):\n{text}"))
}

fn check_graphml(dataset: &Dataset, text: &str, names: Option<&BTreeMap<String, String>>) {
    let doc = check_xml(text);
    let nodes: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("node"))
        .collect();
    assert_eq!(nodes.len(), dataset.organizations.len(), "GraphML nodes");
    let edges = doc.descendants().filter(|n| n.has_tag_name("edge")).count();
    assert_eq!(edges, dataset.edges.len(), "GraphML edges");
    let Some(names) = names else { return };
    for node in nodes {
        let id = node.attribute("id").expect("node id");
        let name = node
            .children()
            .find(|c| c.attribute("key").is_some_and(|k| k.ends_with("_name")))
            .map(|c| c.text().unwrap_or_default().to_owned())
            .expect("name data");
        assert_eq!(Some(&name), names.get(id), "GraphML name of {id}");
    }
}

fn check_json(dataset: &Dataset, text: &str, names: Option<&BTreeMap<String, String>>) {
    let v: serde_json::Value =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("JSON rejected ({e}):\n{text}"));
    let orgs = v["organizations"].as_array().expect("organizations");
    assert_eq!(
        orgs.len(),
        dataset.organizations.len(),
        "JSON organizations"
    );
    assert_eq!(
        v["edges"].as_array().map(Vec::len),
        Some(dataset.edges.len()),
        "JSON edges"
    );
    let Some(names) = names else { return };
    for org in orgs {
        let id = org["id"].as_str().expect("id");
        assert_eq!(
            org["name"].as_str(),
            names.get(id).map(String::as_str),
            "JSON name of {id}"
        );
    }
}
