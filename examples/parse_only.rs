//! The floor for loading: read every YAML file under the given paths and run
//! saphyr-parser's event parser over it on N threads, building nothing. actorgraph's own
//! timings are compared with this in docs/performance.md.
//!
//! ```text
//! cargo run --release --example parse_only -- --threads 2 /tmp/bench-data/large
//! ```
//!
//! Prints the number of files, bytes and events, and the wall time.

// A command-line tool of the benchmarks: it reports on the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use saphyr_parser::Parser;

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if !path.is_dir() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    for entry in std::fs::read_dir(path)? {
        let p = entry?.path();
        if p.is_dir() {
            collect(&p, out)?;
        } else if actorgraph::internals::is_yaml(&p) {
            out.push(p);
        }
    }
    Ok(())
}

/// Parses one file; returns (bytes, events), or an error message.
fn parse(path: &Path) -> Result<(usize, usize), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut parser = Parser::new_from_str(&text);
    let mut events = 0;
    while let Some(event) = parser.next_event() {
        event.map_err(|e| format!("{}: {e}", path.display()))?;
        events += 1;
    }
    Ok((text.len(), events))
}

fn main() -> ExitCode {
    let mut threads = 2;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--threads" {
            threads = args.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        } else {
            paths.push(PathBuf::from(a));
        }
    }
    if threads == 0 || paths.is_empty() {
        eprintln!("usage: parse_only [--threads N] PATH...");
        return ExitCode::from(2);
    }
    let start = Instant::now();
    let mut files = Vec::new();
    for p in &paths {
        if let Err(e) = collect(p, &mut files) {
            eprintln!("parse_only: {}: {e}", p.display());
            return ExitCode::from(2);
        }
    }
    files.sort();
    let next = AtomicUsize::new(0);
    let results: Vec<Result<(usize, usize), String>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let (mut bytes, mut events) = (0, 0);
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = files.get(i) else {
                            return Ok((bytes, events));
                        };
                        let (b, e) = parse(path)?;
                        bytes += b;
                        events += e;
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|_| Err("a worker panicked".into())))
            .collect()
    });
    let (mut bytes, mut events) = (0, 0);
    for r in results {
        match r {
            Ok((b, e)) => {
                bytes += b;
                events += e;
            }
            Err(e) => {
                eprintln!("parse_only: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} files, {bytes} bytes, {events} events, {threads} threads: {secs:.2} s",
        files.len()
    );
    ExitCode::SUCCESS
}
