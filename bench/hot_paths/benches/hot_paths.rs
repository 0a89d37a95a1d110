//! Micro-benchmarks of the hot paths, on a small synthetic dataset written to a temporary
//! directory: loading (read, YAML events, tree, decode), validation, the whole front half,
//! each export, and the human report. Run with `cargo bench --bench hot_paths`; the
//! end-to-end timings on large datasets are bench/run.sh's job (docs/performance.md).

use std::fmt::Write as _;
use std::hint::black_box;
use std::io;
use std::path::PathBuf;

use actorgraph::diagnostic::{SourceCache, Summary, render_human};
use actorgraph::export::{self, Format, Options};
use actorgraph::internals::{Goal, load, validate};
use actorgraph::pipeline::{self, Input, Mode};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

const ORGS: usize = 500;
const EDGES: usize = 4000;
const FILES: usize = 4;

/// One file of a deterministic dataset: organizations, sources and edges with quotes,
/// some undated (warnings for the report benchmark).
fn file_text(part: usize) -> String {
    let mut s = String::from("organizations:\n");
    for i in (part..ORGS).step_by(FILES) {
        let _ = writeln!(
            s,
            "  - id: org-{i}\n    name: \"Jama'at al-Tawhid ({i}) – Türkistan\"\n    founded: 19{:02}",
            i % 70
        );
    }
    s.push_str("sources:\n");
    for i in (part..ORGS / 2).step_by(FILES) {
        let _ = writeln!(
            s,
            "  - id: src-{i}\n    title: 'Pledges in the Fergana valley, part {i}'\n    url: https://example.org/{i}"
        );
    }
    s.push_str("edges:\n");
    for i in (part..EDGES).step_by(FILES) {
        let (from, to) = (i % ORGS, (i * 7 + 1) % ORGS);
        let to = if to == from { (to + 1) % ORGS } else { to };
        let date = if i % 20 == 0 && i < ORGS {
            String::new()
        } else {
            // Unique per endpoint pair, so no two edges are duplicates.
            format!("    date: {}-{:02}\n", 1950 + i / 50, i % 12 + 1)
        };
        let _ = write!(
            s,
            "  - from: org-{from}\n    to: org-{to}\n    type: allegiance\n{date}    sources:\n      - ref: src-{}\n        quote: \"The group pledged bay`ah to the amir (edge {i}).\"\n",
            i % (ORGS / 2)
        );
    }
    s
}

fn dataset() -> (tempfile::TempDir, Vec<PathBuf>, u64) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut bytes = 0;
    for part in 0..FILES {
        let text = file_text(part);
        bytes += text.len() as u64;
        std::fs::write(dir.path().join(format!("part-{part}.yaml")), text).expect("write");
    }
    let paths = vec![dir.path().to_path_buf()];
    (dir, paths, bytes)
}

fn front_half(c: &mut Criterion) {
    let (_dir, paths, bytes) = dataset();
    let mut g = c.benchmark_group("front");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("load", |b| b.iter(|| load(black_box(&paths))));
    g.bench_function("validate", |b| {
        b.iter_batched(
            || load(&paths),
            |l| validate(l.raw, &l.files, Goal::Model).pending.map(|p| p.build()),
            BatchSize::LargeInput,
        );
    });
    g.bench_function("check", |b| b.iter(|| pipeline::check(Input::Paths(black_box(&paths)), Mode::Build)));
    g.finish();
}

fn exports(c: &mut Criterion) {
    let (_dir, paths, _) = dataset();
    let checked = pipeline::check(Input::Paths(&paths), Mode::Build);
    let errors: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == actorgraph::diagnostic::Severity::Error)
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect();
    let dataset = checked
        .dataset
        .unwrap_or_else(|| panic!("the benchmark dataset is invalid: {errors:?}"));
    let mut g = c.benchmark_group("export");
    g.throughput(Throughput::Elements(dataset.edges.len() as u64));
    for (name, format) in [
        ("graphml", Format::Graphml),
        ("dot", Format::Dot),
        ("json", Format::Json),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| export::write(format, &dataset, &Options::default(), &mut io::sink()));
        });
    }
    g.finish();
}

fn report(c: &mut Criterion) {
    let (_dir, paths, _) = dataset();
    let checked = pipeline::check(Input::Paths(&paths), Mode::Build);
    let summary = Summary::of(&checked.diagnostics, checked.files.len());
    let mut g = c.benchmark_group("report");
    g.throughput(Throughput::Elements(checked.diagnostics.len() as u64));
    g.bench_function("human", |b| {
        b.iter(|| {
            let mut cache = SourceCache::new(&checked.files);
            render_human(&mut io::sink(), &checked.diagnostics, &summary, &mut cache)
        });
    });
    g.finish();
}

criterion_group!(benches, front_half, exports, report);
criterion_main!(benches);
