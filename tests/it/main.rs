//! The integration tests, one crate with a module per area, so `cargo test` compiles and
//! links one test binary instead of one per file. Run one area with
//! `cargo test --test it export::`; the interop tests against real consumers are ignored
//! by default (`cargo test --test it interop:: -- --ignored`, as `.ci/run` does).

// Tests and their helpers may say what they skipped or measured; the library may not.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod child;
mod common;
mod dot_syntax;
mod unicode_text;

mod cli;
mod cypher;
mod dataset;
mod diff;
mod docs;
mod export;
mod export_slices;
mod filters;
mod find;
mod grades;
mod hostile;
mod hostile_files;
mod hostile_text;
mod html;
mod import;
mod import_roundtrip;
mod interop;
mod lsp;
mod output_safety;
mod properties;
mod questions;
mod questions_graded;
mod regressions;
mod schema;
mod show;
mod stix;
mod ux;
mod validate_fixtures;
mod yaml_meaning;
mod yaml_mistakes;
