//! Times the phases of `actorgraph validate` separately on a dataset: loading (read, parse,
//! tree, decode, on all cores), validation with the model's construction, sorting the
//! diagnostics and rendering them (to a sink). Used to find what dominates; see
//! docs/performance.md.
//!
//! With `--export`, it also builds the model and times writing GraphML (to a sink).
//!
//! ```text
//! cargo run --release --example phases -- /tmp/bench-data/large
//! cargo run --release --example phases -- --export /tmp/bench-data/large
//! ```

// A command-line tool of the benchmarks: it reports on the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io;
use std::path::PathBuf;
use std::time::Instant;

use actorgraph::diagnostic::{self, SourceCache, Summary, render_human};
use actorgraph::export;
use actorgraph::internals::{Goal, Pending, load, validate};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let with_export = args.iter().any(|a| a == "--export");
    args.retain(|a| a != "--export");
    let paths: Vec<PathBuf> = args.into_iter().map(PathBuf::from).collect();
    let t = Instant::now();
    let loaded = load(&paths);
    let t_load = t.elapsed();
    eprintln!("after load: rss {} MB", rss_mb());
    let (files, mut diagnostics) = (loaded.files, loaded.diagnostics);
    let t = Instant::now();
    let validation = validate(loaded.raw, &files, Goal::Model);
    let dataset = validation.pending.map(Pending::build);
    let t_validate = t.elapsed();
    eprintln!("after validate+build: rss {} MB", rss_mb());
    diagnostics.extend(validation.diagnostics);
    let t = Instant::now();
    diagnostic::sort(&mut diagnostics);
    let t_sort = t.elapsed();
    let t = Instant::now();
    let summary = Summary::of(&diagnostics, files.len());
    let mut cache = SourceCache::new(&files);
    let rendered = render_human(&mut io::sink(), &diagnostics, &summary, &mut cache);
    let t_render = t.elapsed();
    let t = Instant::now();
    if with_export && let Some(dataset) = &dataset {
        let mut out = io::BufWriter::new(io::sink());
        let written = export::write(
            export::Format::Graphml,
            dataset,
            &export::Options::default(),
            &mut out,
        );
        if let Err(e) = written {
            eprintln!("phases: {e}");
        }
    }
    let t_export = t.elapsed();
    let t = Instant::now();
    drop(dataset);
    let t_drop = t.elapsed();
    if let Err(e) = rendered {
        eprintln!("phases: {e}");
    }
    println!(
        "load {:.2} s, validate+build {:.2} s, sort {:.2} s, render {:.2} s ({} diagnostics), export graphml {:.2} s, drop model {:.2} s",
        t_load.as_secs_f64(),
        t_validate.as_secs_f64(),
        t_sort.as_secs_f64(),
        t_render.as_secs_f64(),
        diagnostics.len(),
        t_export.as_secs_f64(),
        t_drop.as_secs_f64()
    );
}

/// Resident set size now, in MB (Linux; 0 elsewhere).
fn rss_mb() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    pages * 4096 / 1_000_000
}
