//! Fuzz target 1: arbitrary bytes as a dataset file. Loading and validating must never
//! panic or hang; every renderer must produce well-formed reports that never pass raw
//! control characters to a terminal; a valid result must export cleanly.

#![no_main]

mod common;

use actorgraph::diagnostic::{self, Severity, SourceCache, Summary};
use actorgraph::pipeline;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = common::write_scratch("input.yaml", data);
    let checked = pipeline::check(pipeline::Input::Paths(&[path]), pipeline::Mode::Build);
    assert!(!checked.input_failed(), "{:?}", checked.diagnostics);
    assert_eq!(checked.dataset.is_some(), !checked.has_errors());
    let summary = Summary::of(&checked.diagnostics, checked.files.len());

    let mut human = Vec::new();
    let mut sources = SourceCache::new(&checked.files);
    diagnostic::render_human(&mut human, &checked.diagnostics, &summary, &mut sources)
        .expect("render to memory");
    let human = String::from_utf8(human).expect("human report is UTF-8");
    if let Some(c) = human
        .chars()
        .find(|&c| c.is_control() && c != '\n' && c != '\t')
    {
        panic!("raw control character {c:?} in the human report:\n{human}");
    }

    let mut json = Vec::new();
    diagnostic::render_json(&mut json, &checked.diagnostics, &summary).expect("render");
    let json: serde_json::Value = serde_json::from_slice(&json).expect("JSON report parses");
    let listed = json["diagnostics"].as_array().map(Vec::len);
    assert_eq!(listed, Some(checked.diagnostics.len()));

    let mut github = Vec::new();
    diagnostic::render_github(&mut github, &checked.diagnostics, &summary).expect("render");
    let github = String::from_utf8(github).expect("GitHub report is UTF-8");
    for line in github.lines() {
        assert!(line.starts_with("::"), "not a workflow command: {line:?}");
    }
    let errors = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let commands = github.lines().filter(|l| l.starts_with("::error")).count();
    assert_eq!(commands, errors, "one ::error per error:\n{github}");

    if let Some(dataset) = &checked.dataset {
        for options in common::option_sets() {
            common::check_exports(dataset, &options, None);
        }
    }
});
