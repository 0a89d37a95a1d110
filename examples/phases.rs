//! Times the phases of `actorgraph validate` separately on a dataset: loading (read, parse,
//! tree, decode, on all cores), validation with the model's construction, sorting the
//! diagnostics and rendering them (to a sink). Used to find what dominates; see
//! docs/performance.md.
//!
//! ```text
//! cargo run --release --example phases -- /tmp/bench-data/large
//! ```

use std::io;
use std::path::PathBuf;
use std::time::Instant;

use actorgraph::diagnostic::{self, SourceCache, Summary, render_human};
use actorgraph::{load, validate};

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let t = Instant::now();
    let loaded = load::load(&paths);
    let t_load = t.elapsed();
    let (files, mut diagnostics) = (loaded.files, loaded.diagnostics);
    let t = Instant::now();
    let validation = validate::validate(loaded.raw, &files, false);
    let t_validate = t.elapsed();
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
    drop(validation.dataset);
    let t_drop = t.elapsed();
    if let Err(e) = rendered {
        eprintln!("phases: {e}");
    }
    println!(
        "load {:.2} s, validate+build {:.2} s, sort {:.2} s, render {:.2} s ({} diagnostics), drop model {:.2} s",
        t_load.as_secs_f64(),
        t_validate.as_secs_f64(),
        t_sort.as_secs_f64(),
        t_render.as_secs_f64(),
        diagnostics.len(),
        t_drop.as_secs_f64()
    );
}
